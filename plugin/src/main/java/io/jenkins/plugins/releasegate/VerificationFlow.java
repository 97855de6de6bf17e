package io.jenkins.plugins.releasegate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasegate.agent.JsonMaps;
import io.jenkins.plugins.releasegate.agent.LogLines;
import io.jenkins.plugins.releasegate.agent.VerifyOptions;
import io.releasegate.log.LogSink;
import io.releasegate.paging.Page;
import io.releasegate.paging.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What {@code releaseGateVerify} and {@code releaseGate} do after a deploy: verify on the agent; on FAIL run the
 * rollback command on the agent, verify again, page the escalation chain, and fail the build or mark it unstable.
 * The verdicts, the rollback and the pages are the engine's; this class only sequences them and records the outcome
 * on the build's page. Runs on a background thread, never on the CPS thread.
 */
final class VerificationFlow {
    static final String SOURCE = "jenkins-release-gate";

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
        LogSink log = new TaskListenerLog(listener);
        ReleaseGateAction action = ReleaseGateAction.of(run);
        String pool = options.getPool() != null ? options.getPool() : options.getExpect();

        Map<String, Object> first = verify(workspace, options.options(), listener, log);
        String verdict = JsonMaps.string(first, "verdict", "ERROR");
        Map<String, Object> result = new LinkedHashMap<>(first);
        boolean rolledBack = false;
        boolean recovered = false;
        List<Object> pages = new ArrayList<>();
        if (!"PASS".equals(verdict)) {
            if (options.getRollback() != null) {
                result.put("rollback", rollback(workspace, listener, action, pool));
                rolledBack = true;
                VerifyOptions again = options.options();
                again.junit = null; // the JUnit XML reports the verification that decided the rollback
                Map<String, Object> second = verify(workspace, again, listener, log);
                result.put("afterRollback", second);
                recovered = "PASS".equals(JsonMaps.string(second, "verdict", "ERROR"));
                listener.getLogger().println("Release Gate: after the rollback the verification is "
                        + JsonMaps.string(second, "verdict", "ERROR"));
            }
            if (options.isPage()) {
                pages.add(page(run, log, pool, verdict, first, rolledBack, recovered));
            }
        } else if (options.isPage() && new EscalationBridge(jenkins).configured()) {
            Map<String, Object> resolved = resolveEarlierPage(run, listener, log, pool);
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

    private Map<String, Object> verify(FilePath workspace, VerifyOptions request, TaskListener listener,
            LogSink log) throws IOException, InterruptedException {
        listener.getLogger().println("Release Gate: verifying " + request.lb + " against " + request.describe());
        Map<String, Object> reply = JsonMaps.parse(workspace.act(new VerifyCallable(request)), "the verify reply");
        LogLines.replay(JsonMaps.list(reply, "log"), log);
        String error = JsonMaps.string(reply, "error", null);
        if (error != null) {
            throw new AbortException("Release Gate: " + error);
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
        Map<String, Object> change = action.getChange();
        String base = first(options.getBase(), JsonMaps.string(change, "base", ""));
        String head = first(options.getHead(), JsonMaps.string(change, "head", ""));
        EnvVars environment = context.get(EnvVars.class);
        listener.getLogger().println("Release Gate: rolling back: " + options.getRollback());
        Map<String, Object> outcome = JsonMaps.parse(workspace.act(new RollbackCallable(options.getRollback(),
                options.getRollbackTimeout(), base, head, pool, environment == null ? Map.of() : environment)),
                "the rollback reply");
        String output = JsonMaps.string(outcome, "output", "");
        if (!output.isEmpty()) {
            listener.getLogger().print(output.endsWith("\n") ? output : output + "\n");
        }
        listener.getLogger().println("Release Gate: " + JsonMaps.string(outcome, "reason", "rollback ended"));
        return outcome;
    }

    private Map<String, Object> page(Run<?, ?> run, LogSink log, String pool, String verdict,
            Map<String, Object> first, boolean rolledBack, boolean recovered) {
        String outcome = !rolledBack ? "no rollback was configured"
                : recovered ? "rolled back; the pool verifies again" : "rolled back, but the pool STILL FAILS";
        Page.Builder page = Page.trigger(dedupKey(run, pool), "Release Gate: " + pool + " " + verdict
                        + " after deploy in " + run.getFullDisplayName() + " (" + outcome + "): "
                        + String.join("; ", reasons(first)))
                .severity(rolledBack && recovered ? Severity.ERROR : Severity.CRITICAL).source(SOURCE)
                .component(pool).timestamp(Instant.now())
                .detail("verdict", verdict).detail("pool", pool).detail("build", run.getFullDisplayName())
                .detail("rolledBack", rolledBack).detail("recovered", recovered)
                .detail("change", JsonMaps.string(ReleaseGateAction.of(run).getChange(), "digest", "none"));
        String link = link(run);
        if (link != null) {
            page.link(link, "Release Gate page of " + run.getFullDisplayName());
        }
        Map<String, Object> sent = new EscalationBridge(jenkins).page(run, jenkins.configuration().chainNames(),
                page.build(), log);
        log.info("page %s (%s): %s", JsonMaps.bool(sent, "delivered", false) ? "delivered" : "NOT delivered",
                JsonMaps.string(sent, "severity", ""), JsonMaps.string(sent, "reason", ""));
        return sent;
    }

    /**
     * A passing verification after a failing one of the same pool in the job's previous build resolves the page
     * that failure sent (same dedup key), so the incident closes itself when the monitor sees the pool healthy.
     */
    private Map<String, Object> resolveEarlierPage(Run<?, ?> run, TaskListener listener, LogSink log, String pool) {
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
                Page.resolve(dedupKey(run, pool), SOURCE, Instant.now()), log);
        listener.getLogger().println("Release Gate: resolved the page of " + previous.getFullDisplayName() + ": "
                + JsonMaps.string(page, "reason", ""));
        return page;
    }

    /**
     * One alert per job and pool: every failing build of the same pool updates it, a passing one resolves it. Keys
     * longer than PagerDuty's 255 characters keep their start and end a hash of the rest.
     */
    static String dedupKey(Run<?, ?> run, String pool) {
        String key = "release-gate/" + run.getParent().getFullName() + "/" + pool;
        if (key.length() <= Page.MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, Page.MAX_DEDUP_KEY - 17) + "~" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String link(Run<?, ?> run) {
        return jenkins.rootUrl().isEmpty() ? null : jenkins.rootUrl() + run.getUrl() + ReleaseGateAction.URL_NAME + "/";
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
