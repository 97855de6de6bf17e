package io.jenkins.plugins.releasegate;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.engine.CliResult;
import io.jenkins.plugins.releasegate.engine.EngineCommands;
import io.jenkins.plugins.releasegate.engine.JsonMaps;
import io.jenkins.plugins.releasegate.engine.VerifyRequest;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the engine's verification on the agent (the requests go from the agent, which is where the load balancer
 * is reachable). Returns JSON: {@code {exitCode, error, result, log}} where {@code result} is the engine's verify
 * JSON and {@code log} its progress lines.
 */
final class VerifyCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final VerifyRequest request;

    VerifyCallable(VerifyRequest request) {
        this.request = request;
    }

    @Override
    public String invoke(File dir, VirtualChannel channel) {
        CliResult result = EngineCommands.verify(dir, request);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("exitCode", result.getExitCode());
        answer.put("log", result.getErr());
        if (result.getExitCode() == CliResult.BAD_INPUT) {
            answer.put("error", result.errorLine());
        } else {
            answer.put("result", combined(JsonMaps.parseAny(result.getOut(), "the output of release-gate verify")));
        }
        return JsonMaps.write(answer);
    }

    /**
     * The engine prints one object per run, or an array when it verified several pools: then the verdict is the
     * worst (ERROR, then FAIL), the reasons are all reasons, and each pool's result is under {@code pools}.
     */
    static Map<String, Object> combined(Object parsed) {
        if (!(parsed instanceof List<?> results)) {
            return JsonMaps.map(parsed);
        }
        Map<String, Object> combined = new LinkedHashMap<>();
        String verdict = "PASS";
        List<Object> reasons = new ArrayList<>();
        for (Object item : results) {
            Map<String, Object> one = JsonMaps.map(item);
            String each = JsonMaps.string(one, "verdict", "ERROR");
            if ("ERROR".equals(each) || "FAIL".equals(each) && !"ERROR".equals(verdict)) {
                verdict = each;
            }
            reasons.addAll(JsonMaps.list(one, "reasons"));
        }
        combined.put("verdict", verdict);
        combined.put("reasons", reasons);
        combined.put("pools", results);
        return combined;
    }
}
