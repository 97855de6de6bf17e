package io.jenkins.plugins.releasegate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ForkOutputStream;
import io.jenkins.plugins.releasegate.engine.CliResult;
import io.jenkins.plugins.releasegate.engine.EngineCommands;
import io.jenkins.plugins.releasegate.engine.JsonMaps;
import io.jenkins.plugins.releasegate.engine.VerifyRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What {@code releaseGateVerify} and {@code releaseGate} do after a deploy: verify on the agent; on FAIL run the
 * rollback command on the agent (with {@code RELEASE_GATE_BASE}, {@code RELEASE_GATE_HEAD} and
 * {@code RELEASE_GATE_POOL} in its environment, bounded by a timeout), verify again, page the escalation chain, and
 * fail the build or mark it unstable. The verdicts and the pages are the engine's; this class only sequences them
 * and records the outcome on the build's page. Runs on a background thread, never on the CPS thread.
 */
final class VerificationFlow {
    private static final int MAX_OUTPUT = 64 * 1024;

    private final StepContext context;
    private final VerifyStepBase options;
    private final JenkinsFacade jenkins;

    VerificationFlow(StepContext context, VerifyStepBase options, JenkinsFacade jenkins) {
        this.context = context;
        this.options = options;
        this.jenkins = jenkins;
    }

    Map<String, Object> run() throws IOException, InterruptedException {
        String problem = options.problem();
        if (problem != null) {
            throw new AbortException("Release Gate: " + problem);
        }
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        ReleaseGateAction action = ReleaseGateAction.of(run);
        String pool = options.getPool() != null ? options.getPool() : options.getExpect();

        Map<String, Object> first = verify(workspace, options.request(), listener);
        String verdict = JsonMaps.string(first, "verdict", "ERROR");
        Map<String, Object> result = new LinkedHashMap<>(first);
        result.put("verdict", verdict);
        boolean rolledBack = false;
        boolean recovered = false;
        List<Object> pages = new ArrayList<>();
        if (!"PASS".equals(verdict)) {
            if (options.getRollback() != null) {
                Map<String, Object> rollback = rollback(workspace, listener, action, pool);
                result.put("rollback", rollback);
                rolledBack = true;
                VerifyRequest again = options.request();
                again.junit = null;
                Map<String, Object> second = verify(workspace, again, listener);
                result.put("afterRollback", second);
                recovered = "PASS".equals(JsonMaps.string(second, "verdict", "ERROR"));
                listener.getLogger().println("Release Gate: after the rollback the verification is "
                        + JsonMaps.string(second, "verdict", "ERROR"));
            }
            if (options.isPage()) {
                pages.add(page(run, listener, pool, verdict, first, rolledBack, recovered));
            }
        }
        if ("PASS".equals(verdict) && options.isPage() && new EscalationBridge(jenkins).configured()) {
            Map<String, Object> resolved = resolveEarlierPage(run, listener, pool);
            if (resolved != null) {
                pages.add(resolved);
            }
        }
        result.put("rolledBack", rolledBack);
        result.put("recovered", recovered);
        result.put("pages", pages);
        action.addVerification(result, pool);
        if (!"PASS".equals(verdict)) {
            String summary = "verification of " + pool + " " + verdict + (rolledBack ? recovered
                    ? "; rolled back, and the pool verifies again" : "; rolled back, but the pool still fails"
                    : "") + ": " + String.join("; ", reasons(first));
            if (options.isFailBuild()) {
                throw new AbortException("Release Gate: " + summary);
            }
            run.setResult(Result.UNSTABLE);
            context.get(FlowNode.class).addAction(new WarningAction(Result.UNSTABLE).withMessage(summary));
            listener.getLogger().println("Release Gate: " + summary + " (build marked unstable)");
        }
        return result;
    }

    private Map<String, Object> verify(FilePath workspace, VerifyRequest request, TaskListener listener)
            throws IOException, InterruptedException {
        listener.getLogger().println("Release Gate: verifying " + request.lb + " against "
                + (request.expect != null ? request.expect : "pool " + request.pool));
        Map<String, Object> reply = JsonMaps.parse(workspace.act(new VerifyCallable(request)), "the verify reply");
        String log = JsonMaps.string(reply, "log", "");
        if (!log.isBlank()) {
            listener.getLogger().print(log.endsWith("\n") ? log : log + "\n");
        }
        if (JsonMaps.integer(reply, "exitCode", CliResult.BAD_INPUT) == CliResult.BAD_INPUT) {
            throw new AbortException("Release Gate: " + JsonMaps.string(reply, "error", "bad input"));
        }
        Map<String, Object> result = JsonMaps.map(reply.get("result"));
        for (String reason : reasons(result)) {
            listener.getLogger().println("  " + reason);
        }
        listener.getLogger().println("Release Gate: verdict " + JsonMaps.string(result, "verdict", "ERROR"));
        return result;
    }

    private static List<String> reasons(Map<String, Object> result) {
        return JsonMaps.list(result, "reasons").stream().map(String::valueOf).toList();
    }

    private Map<String, Object> rollback(FilePath workspace, TaskListener listener, ReleaseGateAction action,
            String pool) throws IOException, InterruptedException {
        Launcher launcher = context.get(Launcher.class);
        EnvVars env = new EnvVars(context.get(EnvVars.class));
        Map<String, Object> change = action.getChange();
        env.put("RELEASE_GATE_BASE", first(options.getBase(), JsonMaps.string(change, "base", "")));
        env.put("RELEASE_GATE_HEAD", first(options.getHead(), JsonMaps.string(change, "head", "")));
        env.put("RELEASE_GATE_POOL", pool == null ? "" : pool);
        listener.getLogger().println("Release Gate: rolling back: " + options.getRollback());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> command = launcher.isUnix() ? List.of("sh", "-c", options.getRollback())
                : List.of("cmd.exe", "/C", options.getRollback());
        long started = System.currentTimeMillis();
        int exitCode = launcher.launch().cmds(command).envs(env).pwd(workspace)
                .stdout(new ForkOutputStream(listener.getLogger(), captured)).start()
                .joinWithTimeout(options.getRollbackTimeout(), TimeUnit.MINUTES, listener);
        long duration = System.currentTimeMillis() - started;
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("command", options.getRollback());
        outcome.put("exitCode", exitCode);
        outcome.put("timedOut", duration >= TimeUnit.MINUTES.toMillis(options.getRollbackTimeout()));
        outcome.put("durationMs", duration);
        String output = captured.toString(StandardCharsets.UTF_8);
        outcome.put("output", output.length() > MAX_OUTPUT ? output.substring(output.length() - MAX_OUTPUT) : output);
        listener.getLogger().println("Release Gate: the rollback ended with exit code " + exitCode);
        return outcome;
    }

    private Map<String, Object> page(Run<?, ?> run, TaskListener listener, String pool, String verdict,
            Map<String, Object> first, boolean rolledBack, boolean recovered) throws IOException {
        String outcome = !rolledBack ? "no rollback was configured"
                : recovered ? "rolled back; the pool verifies again" : "rolled back, but the pool STILL FAILS";
        String summary = "Release Gate: " + pool + " " + verdict + " after deploy in " + run.getFullDisplayName()
                + " (" + outcome + "): " + String.join("; ", reasons(first));
        String severity = rolledBack && recovered ? "error" : "critical";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("verdict", verdict);
        details.put("pool", pool);
        details.put("build", run.getFullDisplayName());
        details.put("rolledBack", Boolean.toString(rolledBack));
        details.put("recovered", Boolean.toString(recovered));
        details.put("change", JsonMaps.string(ReleaseGateAction.of(run).getChange(), "digest", "none"));
        Map<String, Object> page = new EscalationBridge(jenkins).page(run, jenkins.configuration().chainNames(),
                new EngineCommands.Page(summary, severity, dedupKey(run, pool), false, link(run), details));
        boolean delivered = JsonMaps.bool(page, "delivered", false);
        listener.getLogger().println("Release Gate: page " + (delivered ? "delivered" : "NOT delivered") + " ("
                + severity + "): " + JsonMaps.string(page, "output", ""));
        return page;
    }

    /**
     * A passing verification after a failing one of the same pool in the job's previous build resolves the page
     * that failure sent (same dedup key), so the incident closes itself when the monitor sees the pool healthy.
     */
    private Map<String, Object> resolveEarlierPage(Run<?, ?> run, TaskListener listener, String pool)
            throws IOException {
        Run<?, ?> previous = run.getPreviousCompletedBuild();
        ReleaseGateAction earlier = previous == null ? null : previous.getAction(ReleaseGateAction.class);
        if (earlier == null) {
            return null;
        }
        List<VerificationRecord> records = earlier.getVerifications().stream()
                .filter(r -> pool.equals(r.getPool())).toList();
        if (records.isEmpty() || "PASS".equals(records.get(records.size() - 1).getVerdict())
                && !records.get(records.size() - 1).isRolledBack()) {
            return null;
        }
        Map<String, Object> page = new EscalationBridge(jenkins).page(run, jenkins.configuration().chainNames(),
                new EngineCommands.Page("Release Gate: " + pool + " verifies again in " + run.getFullDisplayName(),
                        "info", dedupKey(run, pool), true, link(run), Map.of()));
        listener.getLogger().println("Release Gate: resolved the page of " + previous.getFullDisplayName() + ": "
                + JsonMaps.string(page, "output", ""));
        return page;
    }

    /** One alert per job and pool: every failing build of the same pool updates it, a passing one resolves it. */
    private static String dedupKey(Run<?, ?> run, String pool) {
        return "release-gate/" + run.getParent().getFullName() + "/" + pool;
    }

    private String link(Run<?, ?> run) {
        return jenkins.rootUrl().isEmpty() ? null : jenkins.rootUrl() + run.getUrl() + ReleaseGateAction.URL_NAME + "/";
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
