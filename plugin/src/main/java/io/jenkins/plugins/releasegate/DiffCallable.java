package io.jenkins.plugins.releasegate;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.engine.CliResult;
import io.jenkins.plugins.releasegate.engine.CommitAuthors;
import io.jenkins.plugins.releasegate.engine.EngineCommands;
import io.jenkins.plugins.releasegate.engine.JsonMaps;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the engine's semantic diff on the agent, in the workspace's git repository. Returns JSON:
 * {@code {exitCode, error, change}} where {@code change} is the engine's diff JSON (with {@code authors} added when
 * the engine does not supply them).
 */
final class DiffCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String base;
    private final String head;
    private final String config;

    DiffCallable(String base, String head, String config) {
        this.base = base;
        this.head = head;
        this.config = config;
    }

    @Override
    public String invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
        CliResult result = EngineCommands.diff(dir, base, head, config);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("exitCode", result.getExitCode());
        answer.put("error", result.getExitCode() == CliResult.BAD_INPUT ? result.errorLine() : null);
        if (result.getExitCode() != CliResult.BAD_INPUT) {
            Map<String, Object> change = JsonMaps.parse(result.getOut(), "the output of release-gate diff");
            if (!change.containsKey("authors")) {
                change.put("authors", CommitAuthors.between(dir, base, head));
            }
            answer.put("change", change);
        }
        return JsonMaps.write(answer);
    }
}
