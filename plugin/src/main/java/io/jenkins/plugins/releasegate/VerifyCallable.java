package io.jenkins.plugins.releasegate;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.engine.CliResult;
import io.jenkins.plugins.releasegate.engine.EngineCommands;
import io.jenkins.plugins.releasegate.engine.JsonMaps;
import io.jenkins.plugins.releasegate.engine.VerifyRequest;
import java.io.File;
import java.util.LinkedHashMap;
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
            answer.put("result", JsonMaps.parse(result.getOut(), "the output of release-gate verify"));
        }
        return JsonMaps.write(answer);
    }
}
