package io.releasegate.drill;

import io.releasegate.diff.ChangeKind;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryException;
import io.releasegate.diff.ScratchRepository;
import io.releasegate.gate.DeployResult;
import io.releasegate.gate.GateInputException;
import io.releasegate.gate.GateOutcome;
import io.releasegate.gate.GateRequest;
import io.releasegate.gate.GateRun;
import io.releasegate.gate.GateRunner;
import io.releasegate.log.TimedStep;
import io.releasegate.log.Timeline;
import io.releasegate.log.LogSink;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.policy.PolicyException;
import io.releasegate.policy.Risk;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.paging.Secrets;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.ApprovalSigner;
import io.releasegate.signoff.Decision;
import io.releasegate.signoff.sshsig.SshSigException;
import io.releasegate.verify.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reproduces the incident on loopback: two real backends (web-01 overloads when it alone carries the load), a load
 * balancer reading its pool from a git repository, a PagerDuty Events v2 endpoint; commits the change that drops
 * web-02 and runs the whole gate on it. {@link #run()} once; {@link #close()} stops every piece.
 */
public final class Drill implements DrillRun {
    /** web-01 overloads above this share of the drill's rate: it gets half with web-02, all of it alone. */
    static final double OVERLOAD = 0.8;
    private static final String OPERATOR = "Drill Operator";
    private static final String OPERATOR_EMAIL = "operator@drill.invalid";
    private final DrillOptions options;
    private final GateScenario scenario;
    private final LogSink log;
    private final Pieces pieces;
    private final Map<String, String> endpoints = new LinkedHashMap<>();

    /** The incident: the change that drops web-02 ({@code removed-server}). */
    public Drill(DrillOptions options, LogSink log) {
        this(options, GateScenarios.REMOVED_SERVER, log);
    }

    Drill(DrillOptions options, GateScenario scenario, LogSink log) {
        this.options = options;
        this.scenario = scenario;
        this.log = log;
        this.pieces = new Pieces(log);
    }

    /**
     * Runs the drill.
     *
     * @throws IOException when a piece cannot start (e.g. {@code --lb haproxy} without HAProxy installed)
     */
    public DrillResult run() throws IOException {
        Timeline timeline = new Timeline();
        List<TimedStep> steps = new ArrayList<>();
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String routingKey = HexFormat.of().formatHex(key);

        long start = timeline.now();
        PagerDutyEndpoint pagerDuty = keep(PagerDutyEndpoint.start(routingKey));
        DrillBackend web01 = keep(DrillBackend.start("web-01", OVERLOAD * options.rate()));
        DrillBackend web02 = keep(DrillBackend.start("web-02", scenario.overloadBoth() ? OVERLOAD * options.rate()
                : 0));
        endpoints.put("web-01", "http://" + web01.address() + "/");
        endpoints.put("web-02", "http://" + web02.address() + "/");
        endpoints.put("PagerDuty Events v2", pagerDuty.baseUrl() + "/v2/enqueue (accepted events: "
                + pagerDuty.baseUrl() + "/v2/events)");
        steps.add(timeline.record("start backends", TimedStep.Status.OK, start, "web-01 at " + web01.address()
                + " (answers 503 above " + Math.round(OVERLOAD * options.rate()) + " requests/s, as memory exhaustion"
                + " would), web-02 at " + web02.address() + (scenario.overloadBoth() ? " (the same)" : "")
                + ", PagerDuty Events v2 endpoint at "
                + pagerDuty.baseUrl()));

        start = timeline.now();
        int lbPort = Loopback.freePort();
        Path repoDir = options.workDir().resolve("repo");
        String path = DrillFiles.configPath(options.balancer());
        String base;
        String head;
        String lbUrl = "http://127.0.0.1:" + lbPort + "/";
        try (ScratchRepository repo = ScratchRepository.init(repoDir)) {
            repo.write(path, DrillFiles.config(options.balancer(), lbPort, web01.address(), web02.address(),
                    scenario.base()));
            repo.write(".releasegate.yml", DrillFiles.policy(options.balancer(), lbUrl, options.rate(),
                    pagerDuty.baseUrl().toString()));
            base = repo.commit("web: web-01 and web-02 behind round robin", OPERATOR, OPERATOR_EMAIL);
            steps.add(timeline.record("create repository", TimedStep.Status.OK, start, repoDir + ": " + path
                    + " and .releasegate.yml at " + shortSha(base)));

            start = timeline.now();
            DrillBalancer balancer = keep(balancer(lbPort));
            balancer.apply(path, read(repoDir, base, path));
            endpoints.put("load balancer", balancer.url().toString());
            steps.add(timeline.record("start load balancer", TimedStep.Status.OK, start, balancer.describe()));

            start = timeline.now();
            repo.write(path, DrillFiles.config(options.balancer(), lbPort, web01.address(), web02.address(),
                    scenario.head()));
            head = repo.commit(scenario.message(), OPERATOR, OPERATOR_EMAIL);
            steps.add(timeline.record("commit change", TimedStep.Status.OK, start, "\"" + scenario.message()
                    + "\" at " + shortSha(head) + " by " + OPERATOR));
        } catch (RepositoryException e) {
            throw new IOException(e.getMessage(), e);
        }
        endpoints.put("repository", repoDir.toString());
        DrillBalancer balancer = (DrillBalancer) pieces.last();

        start = timeline.now();
        Approval approval;
        Path allowedSigners = options.workDir().resolve("allowed_signers");
        try {
            ChangeReport change = ChangeAssessment.assess(repoDir, base, head, Optional.empty(), false, log);
            // the simulated reviewer signs with a key made for this drill, listed in the drill's allowed_signers
            ApprovalSigner reviewerKey = ApprovalSigner.ephemeral();
            String email = DrillFiles.REVIEWER + "@drill.invalid";
            approval = reviewerKey.sign(new Approval(DrillFiles.REVIEWER, Set.of(), Decision.APPROVE,
                    "simulated sign-off for the drill", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    change.digest(), null, email));
            Files.writeString(allowedSigners, reviewerKey.allowedSignersLine(email) + "\n");
            steps.add(timeline.record("simulated sign-off", TimedStep.Status.OK, start, "approved by "
                    + DrillFiles.REVIEWER + " (simulated sign-off for the drill, signed with a drill "
                    + reviewerKey.describeKey() + ") for digest " + change.digest()));
        } catch (RepositoryException | PolicyException | SshSigException e) {
            throw new IOException("the drill repository cannot be reviewed: " + e.getMessage(), e);
        }

        long gateStart = timeline.now();
        GateRequest request = new GateRequest(repoDir, base, head, Optional.empty(), List.of(approval), "drill",
                context -> deploy(balancer, repoDir, path, context, new GateScenario.Backends(web01, web02)),
                context -> rollback(balancer, repoDir, path, context), null,
                Secrets.from(Map.of(DrillFiles.ROUTING_KEY_VARIABLE, routingKey)),
                options.workDir().resolve("outbox.jsonl"), null, allowedSigners, false);
        GateRun run;
        try {
            run = new GateRunner(log).run(request);
        } catch (GateInputException e) {
            throw new IOException("the drill's gate could not start: " + e.getMessage(), e);
        }
        for (TimedStep step : run.timeline()) {
            steps.add(new TimedStep(step.name(), step.status(), gateStart + step.startMs(), step.durationMs(),
                    step.detail()));
        }
        start = timeline.now();
        List<String> findings = scenario.findings().apply(run, pagerDuty.events());
        boolean caught = findings.stream().allMatch(finding -> finding.startsWith("ok: "));
        steps.add(new TimedStep("check", caught ? TimedStep.Status.OK : TimedStep.Status.FAILED, start,
                timeline.now() - start, caught ? "the gate caught the incident" : "the gate MISSED part of the"
                        + " incident"));
        return new DrillResult(scenario.name(), caught ? "the gate caught the incident"
                : "the gate MISSED part of the incident", caught, findings, run, steps, pagerDuty.events(), endpoints,
                options.workDir(), timeline.now());
    }

    /** What the drill expects of the gate, each in words. */
    static List<String> findings(GateRun run, List<PagerDutyEndpoint.Event> events) {
        List<String> findings = new ArrayList<>();
        boolean spof = run.change().changes().stream()
                .anyMatch(change -> change.change().kind() == ChangeKind.SINGLE_POINT_OF_FAILURE);
        findings.add(check(run.change().risk() == Risk.CRITICAL && spof, "the diff flags the change "
                + run.change().risk() + (spof ? " with SINGLE_POINT_OF_FAILURE" : " (no SINGLE_POINT_OF_FAILURE)")));
        boolean released = run.signOff() != null && run.signOff().isReleased();
        findings.add(check(released, "sign-off: " + (run.signOff() == null ? "not asked" : run.signOff().summary())));
        boolean failed = run.verification() != null && run.verification().verdict() == Verdict.FAIL
                && run.verification().missing().contains("web-02");
        findings.add(check(failed, "verification after the deploy: " + (run.verification() == null ? "did not run"
                : run.verification().verdict() + ", web-02 got " + run.verification().observed()
                        .getOrDefault("web-02", 0L) + " of " + run.verification().requests() + " requests"
                        + (failed ? "" : ": " + String.join("; ", run.verification().reasons())))));
        boolean rolledBack = run.rollback() != null && run.rollback().rolledBack();
        findings.add(check(rolledBack, "rollback: " + (run.rollback() == null ? "did not run"
                : run.rollback().reason())));
        boolean recovered = run.reverification() != null && run.reverification().verdict() == Verdict.PASS;
        findings.add(check(recovered, "verification after the rollback: " + (run.reverification() == null
                ? "did not run" : run.reverification().verdict() + ", " + observed(run.reverification())
                        + (recovered ? "" : ": " + String.join("; ", run.reverification().reasons())))));
        List<String> actions = events.stream().map(PagerDutyEndpoint.Event::action).toList();
        boolean sameKey = events.size() >= 2 && events.stream().map(PagerDutyEndpoint.Event::dedupKey).distinct()
                .count() == 1;
        boolean paged = actions.equals(List.of("trigger", "resolve")) && sameKey;
        findings.add(check(paged, "PagerDuty endpoint received " + (actions.isEmpty() ? "nothing" : String.join(
                " then ", actions)) + (events.isEmpty() ? "" : " for " + events.get(0).dedupKey())));
        findings.add(check(run.outcome() == GateOutcome.ROLLED_BACK, "gate outcome " + run.outcome() + " (exit "
                + run.exitCode() + ")"));
        return findings;
    }

    /** {@code web-01 98, web-02 97}. */
    static String observed(io.releasegate.verify.VerificationResult result) {
        List<String> counts = new ArrayList<>();
        result.observed().forEach((server, count) -> counts.add(server + " " + count));
        return String.join(", ", counts);
    }

    static String check(boolean ok, String what) {
        return (ok ? "ok: " : "MISSED: ") + what;
    }

    private DrillBalancer balancer(int port) throws IOException {
        return balancer(options, port);
    }

    /** The load balancer the options ask for, on {@code port}. */
    static DrillBalancer balancer(DrillOptions options, int port) throws IOException {
        return switch (options.balancer()) {
            case EMBEDDED -> EmbeddedBalancer.start(port, DrillFiles.POOL);
            case HAPROXY -> ProcessBalancer.haproxy(options.workDir().resolve("haproxy"), port).orElseThrow(
                    () -> new IOException("--lb haproxy: no haproxy binary found (HAPROXY_BIN, /usr/sbin, PATH);"
                            + " install HAProxy or use the embedded load balancer"));
            case NGINX -> ProcessBalancer.nginx(options.workDir().resolve("nginx"), port).orElseThrow(
                    () -> new IOException("--lb nginx: no nginx binary found (NGINX_BIN, /usr/sbin, PATH);"
                            + " install nginx or use the embedded load balancer"));
        };
    }

    private DeployResult deploy(DrillBalancer balancer, Path repoDir, String path, RollbackContext context,
            GateScenario.Backends backends) {
        long start = System.nanoTime();
        String action = "load " + path + " at " + shortSha(context.head()) + " into the " + options.balancer().wire()
                + " load balancer";
        try {
            balancer.apply(path, read(repoDir, context.head(), path));
            scenario.afterDeploy().accept(backends);
            return new DeployResult(action, true, null, "", elapsed(start), "reloaded: " + balancer.describe());
        } catch (IOException | RuntimeException e) {
            return new DeployResult(action, false, null, "", elapsed(start), "the reload failed: " + e.getMessage());
        }
    }

    private RollbackResult rollback(DrillBalancer balancer, Path repoDir, String path, RollbackContext context) {
        long start = System.nanoTime();
        String action = "restore " + path + " at " + shortSha(context.base()) + " into the "
                + options.balancer().wire() + " load balancer";
        try {
            balancer.apply(path, read(repoDir, context.base(), path));
            return RollbackResult.ok(action, null, "", elapsed(start), "restored the previous configuration: "
                    + balancer.describe());
        } catch (IOException | RuntimeException e) {
            return RollbackResult.failed(action, null, false, "", elapsed(start), "the restore failed: "
                    + e.getMessage());
        }
    }

    /** The file at a revision, read from git objects (what the load balancer loads is what git holds). */
    static String read(Path repoDir, String revision, String path) throws IOException {
        try (GitRepository git = GitRepository.open(repoDir)) {
            return git.read(git.resolve(revision), path)
                    .orElseThrow(() -> new IOException(path + " does not exist at " + revision));
        } catch (RepositoryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The pieces and their addresses, for {@code --keep}. */
    public Map<String, String> endpoints() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    private <T extends AutoCloseable> T keep(T piece) {
        return pieces.keep(piece);
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String shortSha(String sha) {
        return sha.length() > 10 ? sha.substring(0, 10) : sha;
    }

    /** Stops every piece, last started first. */
    @Override
    public void close() {
        pieces.close();
    }
}
