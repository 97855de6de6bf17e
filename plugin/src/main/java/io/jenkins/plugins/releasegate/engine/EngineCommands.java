package io.jenkins.plugins.releasegate.engine;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine commands the plugin reaches through their CLI contract because their Java API is not on main yet
 * (issues 3 and 4, and the option names of the {@code verify} and {@code page} commands on their branches):
 * <ul>
 *   <li>{@code verify --lb URL (--expect LIST | --repo DIR --pool NAME | --config LBFILE --pool NAME)
 *       [--identify SPEC] [--requests N] [--rate R] [--health-path P] [--haproxy-socket PATH] --format json
 *       [--junit FILE]}: exit 0 PASS, 1 FAIL, 2 bad input;</li>
 *   <li>{@code page --config FILE --outbox FILE (--summary TEXT --severity S | --resolve) --dedup-key KEY
 *       [--source S] [--link URL]... [--detail K=V]... [--contact NAME]}: exit 0 delivered, 3 undelivered (kept in
 *       the outbox), 2 bad input.</li>
 * </ul>
 */
public final class EngineCommands {
    /** The policy file name the engine reads at the head revision by default. */
    public static final String DEFAULT_CONFIG = ".releasegate.yml";

    private EngineCommands() {
    }

    /**
     * Runs a verification from {@code dir} (the workspace: the repository for {@code --repo}). {@code config} is
     * either the policy ({@code .releasegate.yml}, or blank: the pool comes from the repository's configuration) or
     * one load-balancer config file ({@code haproxy.cfg}), passed as {@code --config}.
     */
    public static CliResult verify(File dir, VerifyRequest request) {
        List<String> args = new ArrayList<>(List.of("verify", "--lb", request.lb, "--format", "json"));
        if (notBlank(request.expect)) {
            args.addAll(List.of("--expect", request.expect));
        } else if (notBlank(request.config) && !isPolicyFile(request.config)) {
            args.addAll(List.of("--config", new File(dir, request.config).getAbsolutePath()));
        } else {
            args.addAll(List.of("--repo", dir.getAbsolutePath()));
        }
        add(args, "--pool", request.pool);
        add(args, "--identify", request.identify);
        if (request.requests > 0) {
            args.addAll(List.of("--requests", Integer.toString(request.requests)));
        }
        if (request.rate > 0) {
            args.addAll(List.of("--rate", Integer.toString(request.rate)));
        }
        add(args, "--health-path", request.healthPath);
        add(args, "--haproxy-socket", request.haproxySocket);
        if (notBlank(request.junit)) {
            args.addAll(List.of("--junit", new File(dir, request.junit).getAbsolutePath()));
        }
        return EngineCli.run(args);
    }

    /** {@code .releasegate.yml} or any {@code *.releasegate.yml}/{@code .yaml}: a policy, not an LB config file. */
    static boolean isPolicyFile(String config) {
        String name = new File(config).getName();
        return name.endsWith("releasegate.yml") || name.endsWith("releasegate.yaml");
    }

    /** What to page: a trigger (summary, severity) or the resolve of an earlier trigger with the same key. */
    public record Page(String summary, String severity, String dedupKey, boolean resolve, String link,
            Map<String, String> details) {
    }

    /**
     * Pages the chain of {@code config} ({@code escalation:} with {@code file:} secret references), or only
     * {@code contact} when given; undelivered pages are kept in {@code outbox}.
     */
    public static CliResult page(Path config, Path outbox, String contact, Page page) {
        List<String> args = new ArrayList<>(List.of("page", "--config", config.toString(), "--outbox",
                outbox.toString(), "--source", "jenkins-release-gate", "--dedup-key", page.dedupKey()));
        if (page.resolve()) {
            args.add("--resolve");
        } else {
            args.addAll(List.of("--summary", page.summary(), "--severity", page.severity()));
        }
        add(args, "--contact", contact);
        add(args, "--link", page.link());
        if (page.details() != null) {
            page.details().forEach((key, value) -> args.addAll(List.of("--detail", key + "=" + value)));
        }
        return EngineCli.run(args);
    }

    private static void add(List<String> args, String option, String value) {
        if (notBlank(value)) {
            args.addAll(List.of(option, value));
        }
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
