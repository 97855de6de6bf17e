package io.releasegate.report;

import io.releasegate.config.PrintableText;
import io.releasegate.gate.DeployResult;
import io.releasegate.gate.GateRun;
import io.releasegate.log.Redaction;
import io.releasegate.log.TimedStep;
import io.releasegate.policy.AssessedChange;
import io.releasegate.paging.Attempt;
import io.releasegate.paging.PageResult;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.SignOffDecision;
import io.releasegate.verify.VerificationResult;
import java.util.Locale;

/** The final report of {@code release-gate run} as plain text: outcome, change, sign-off, steps, pages, timeline. */
public final class GateRunText {
    private static final int MAX_OUTPUT = 2000;

    private GateRunText() {
    }

    public static String render(GateRun run) {
        StringBuilder out = new StringBuilder();
        out.append("release-gate run ").append(run.gate()).append(": ").append(run.outcome()).append(" (exit ")
                .append(run.exitCode()).append(")\n").append(run.reason()).append("\n\n");
        out.append("Change ").append(ChangeReportText.shortSha(run.change().diff().base())).append("..")
                .append(ChangeReportText.shortSha(run.change().diff().head())).append(": risk ")
                .append(run.change().risk()).append(", digest ").append(run.change().digest()).append('\n');
        for (AssessedChange change : run.change().changes()) {
            out.append("  ").append(change.risk()).append(' ').append(change.change().kind()).append("  ")
                    .append(change.change().file()).append(change.change().line() > 0 ? ":"
                            + change.change().line() : "").append("  ").append(change.change().message()).append('\n');
        }
        signOff(out, run.signOff(), run.change().digest());
        deploy(out, run.deploy());
        verification(out, "Verification after the deploy", run.verification());
        rollback(out, run.rollback());
        verification(out, "Verification after the rollback", run.reverification());
        pages(out, run);
        timeline(out, run);
        return Redaction.text(out.toString());
    }

    private static void signOff(StringBuilder out, SignOffDecision signOff, String digest) {
        out.append("\nSign-off: ");
        if (signOff == null) {
            out.append("not required\n");
            return;
        }
        out.append(signOff.summary()).append('\n');
        if (!signOff.outcomes().isEmpty() || !signOff.trust().verified()) {
            out.append("  ").append(signOff.trust().summary()).append('\n');
        }
        for (Approval approval : signOff.counted()) {
            out.append("  approved by ").append(PrintableText.shown(approval.reviewer()))
                    .append(approval.comment().isBlank() ? "" : " (" + PrintableText.shown(approval.comment()) + ")")
                    .append('\n');
        }
        for (SignOffDecision.Outcome outcome : signOff.outcomes()) {
            out.append("  - ").append(outcome.reason()).append('\n');
        }
        if (!signOff.isReleased() && signOff.missing() > 0) {
            out.append("  missing: ").append(signOff.missing()).append(" more approval(s) of digest ").append(digest)
                    .append(" from ")
                    .append(signOff.mayStillApprove().isEmpty() ? "nobody (no allowed reviewer is left)"
                            : String.join(", ", signOff.mayStillApprove())).append('\n');
        }
    }

    private static void deploy(StringBuilder out, DeployResult deploy) {
        if (deploy == null) {
            return;
        }
        out.append("\nDeploy (").append(deploy.action()).append("): ").append(deploy.succeeded() ? "OK" : "FAILED")
                .append(", ").append(deploy.reason()).append('\n');
        output(out, deploy.output());
    }

    private static void rollback(StringBuilder out, RollbackResult rollback) {
        if (rollback == null) {
            return;
        }
        out.append("\nRollback (").append(rollback.action()).append("): ")
                .append(rollback.outcome()).append(", ").append(rollback.reason()).append('\n');
        output(out, rollback.output());
    }

    private static void output(StringBuilder out, String output) {
        if (output.isBlank()) {
            return;
        }
        String shown = output.length() > MAX_OUTPUT ? output.substring(output.length() - MAX_OUTPUT) : output;
        for (String line : shown.strip().split("\n")) {
            out.append("  | ").append(line).append('\n');
        }
    }

    private static void verification(StringBuilder out, String title, VerificationResult result) {
        if (result == null) {
            return;
        }
        out.append('\n').append(title).append(": ").append(result.verdict()).append('\n');
        for (String line : VerificationText.render(result).split("\n")) {
            out.append("  ").append(line).append('\n');
        }
    }

    private static void pages(StringBuilder out, GateRun run) {
        if (run.pages().isEmpty()) {
            return;
        }
        out.append("\nPages:\n");
        for (PageResult page : run.pages()) {
            out.append("  ").append(page.delivered() ? "delivered " : "UNDELIVERED ")
                    .append(page.page().action().wire()).append(' ').append(page.page().severity().wire())
                    .append(' ').append(page.page().dedupKey()).append(": ").append(page.reason()).append('\n');
            if (page.page().action() == io.releasegate.paging.PageAction.TRIGGER) {
                out.append("    summary: ").append(page.page().summary()).append('\n');
            }
            for (Attempt attempt : page.attempts()) {
                out.append("    attempt ").append(attempt.describe()).append('\n');
            }
        }
    }

    private static void timeline(StringBuilder out, GateRun run) {
        out.append("\nTimeline (").append(run.durationMs()).append(" ms):\n");
        for (TimedStep step : run.timeline()) {
            out.append(String.format(Locale.ROOT, "  %+7d ms %6d ms  %-7s %-13s %s%n", step.startMs(),
                    step.durationMs(), step.status(), step.name(), oneLine(step.detail())));
        }
        if (run.reaction() != null) {
            out.append("  ").append(run.reaction().describe()).append('\n');
        }
    }

    static String oneLine(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 200 ? line.substring(0, 199) + "\u2026" : line;
    }
}
