package io.jenkins.plugins.releasegate;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.agent.AgentVerification;
import io.jenkins.plugins.releasegate.agent.JsonMaps;
import io.jenkins.plugins.releasegate.agent.LogLines;
import io.jenkins.plugins.releasegate.agent.VerifyOptions;
import io.releasegate.log.BufferedLog;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the engine's verification on the agent (the requests go from the agent, which is where the load balancer
 * is reachable). Returns JSON, so that only a String crosses the channel: {@code {result, log}} where {@code result}
 * is the engine's verification JSON and {@code log} its log lines, or {@code {error, log}} for bad options.
 */
final class VerifyCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final VerifyOptions options;

    VerifyCallable(VerifyOptions options) {
        this.options = options;
    }

    @Override
    public String invoke(File dir, VirtualChannel channel) throws IOException {
        BufferedLog log = new BufferedLog();
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            answer.put("result", AgentVerification.run(dir.toPath(), options, log));
        } catch (IllegalArgumentException e) {
            answer.put("error", e.getMessage());
        }
        answer.put("log", LogLines.of(log));
        return JsonMaps.write(answer);
    }
}
