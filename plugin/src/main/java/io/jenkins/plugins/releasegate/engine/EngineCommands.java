package io.jenkins.plugins.releasegate.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine commands the plugin uses, with the arguments of their CLI contract (issues 2, 3 and 4):
 * <ul>
 *   <li>{@code diff [--repo DIR] --base REV --head REV [--config FILE] --format json --output FILE}</li>
 *   <li>{@code verify --lb URL (--repo DIR --pool NAME | --expect LIST) [--identify ...] [--requests N] [--rate R]
 *       [--health-path P] [--haproxy-socket PATH] --format json [--junit FILE]}</li>
 *   <li>{@code page --summary TEXT --severity S --config FILE}</li>
 * </ul>
 * Each returns the command's JSON (or text) and exit code. Called on the agent by the file callables, on the
 * controller for paging.
 */
public final class EngineCommands {
    /** The policy file name the engine looks for by default. */
    public static final String DEFAULT_CONFIG = ".releasegate.yml";

    private EngineCommands() {
    }

    /** Runs the semantic diff in {@code repo}; the JSON is read from the {@code --output} file. */
    public static CliResult diff(File repo, String base, String head, String config) throws IOException {
        Path output = Files.createTempFile("release-gate-diff", ".json");
        try {
            List<String> args = new ArrayList<>(List.of("diff", "--repo", repo.getAbsolutePath(), "--base", base,
                    "--head", head, "--format", "json", "--output", output.toString()));
            addConfig(args, repo, config);
            CliResult result = EngineCli.run(args);
            String json = Files.size(output) > 0 ? Files.readString(output, StandardCharsets.UTF_8) : result.getOut();
            return new CliResult(result.getExitCode(), json, result.getErr());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs a verification from {@code dir} (the workspace, the repository for {@code --pool}). */
    public static CliResult verify(File dir, VerifyRequest request) {
        List<String> args = new ArrayList<>(List.of("verify", "--lb", request.lb, "--format", "json"));
        if (notBlank(request.expect)) {
            args.addAll(List.of("--expect", request.expect));
        } else {
            args.addAll(List.of("--repo", dir.getAbsolutePath()));
            addConfig(args, dir, request.config);
        }
        if (notBlank(request.pool)) {
            args.addAll(List.of("--pool", request.pool));
        }
        if (notBlank(request.identify)) {
            args.addAll(List.of("--identify", request.identify));
        }
        if (request.requests > 0) {
            args.addAll(List.of("--requests", Integer.toString(request.requests)));
        }
        if (request.rate > 0) {
            args.addAll(List.of("--rate", Double.toString(request.rate)));
        }
        if (notBlank(request.healthPath)) {
            args.addAll(List.of("--health-path", request.healthPath));
        }
        if (notBlank(request.haproxySocket)) {
            args.addAll(List.of("--haproxy-socket", request.haproxySocket));
        }
        if (notBlank(request.junit)) {
            args.addAll(List.of("--junit", new File(dir, request.junit).getAbsolutePath()));
        }
        return EngineCli.run(args);
    }

    /** Pages the escalation chain of {@code config} (secrets as {@code file:} references). */
    public static CliResult page(Path config, String summary, String severity) {
        return EngineCli.run(List.of("page", "--config", config.toString(), "--summary", summary, "--severity",
                severity));
    }

    private static void addConfig(List<String> args, File dir, String config) {
        if (notBlank(config) && !DEFAULT_CONFIG.equals(config)) {
            args.addAll(List.of("--config", new File(dir, config).getAbsolutePath()));
        }
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
