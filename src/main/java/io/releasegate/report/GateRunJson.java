package io.releasegate.report;

import io.releasegate.gate.DeployResult;
import io.releasegate.gate.GateRun;
import io.releasegate.log.TimedStep;
import io.releasegate.signoff.SignOffDecision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final report of {@code release-gate run} as JSON: a stable contract, keys in this order, null for the steps that
 * did not run.
 */
public final class GateRunJson {
    private GateRunJson() {
    }

    public static String toJson(GateRun run) {
        return Json.write(toMap(run));
    }

    public static void write(GateRun run, Path file) throws IOException {
        ReportFiles.write(file, toJson(run));
    }

    public static Map<String, Object> toMap(GateRun run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("gate", run.gate());
        map.put("pool", run.pool());
        map.put("outcome", run.outcome().name());
        map.put("exitCode", run.exitCode());
        map.put("reason", run.reason());
        map.put("started", run.started().toString());
        map.put("durationMs", run.durationMs());
        map.put("change", ChangeReportJson.toMap(run.change()));
        map.put("signOff", signOff(run.signOff()));
        map.put("deploy", deploy(run.deploy()));
        map.put("verification", run.verification() == null ? null : VerificationJson.toTree(run.verification()));
        map.put("rollback", RecoveryJson.rollback(run.rollback()));
        map.put("reverification", run.reverification() == null ? null
                : VerificationJson.toTree(run.reverification()));
        map.put("pages", RecoveryJson.pages(run.pages()));
        map.put("recovery", RecoveryJson.reaction(run.reaction()));
        map.put("timeline", timeline(run.timeline()));
        return map;
    }

    /** Each step as {@code {step, status, startMs, durationMs, detail}}. */
    static List<Object> timeline(List<TimedStep> steps) {
        List<Object> timeline = new ArrayList<>();
        for (TimedStep step : steps) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("step", step.name());
            entry.put("status", step.status().name());
            entry.put("startMs", step.startMs());
            entry.put("durationMs", step.durationMs());
            entry.put("detail", step.detail());
            timeline.add(entry);
        }
        return timeline;
    }

    private static Map<String, Object> signOff(SignOffDecision signOff) {
        if (signOff == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", signOff.status().name());
        map.put("summary", signOff.summary());
        map.put("approvalsVerified", signOff.trust().verified());
        map.put("approvals", signOff.trust().summary());
        map.put("required", signOff.required());
        map.put("missing", signOff.missing());
        map.put("approvedBy", signOff.counted().stream().map(approval -> approval.reviewer()).toList());
        map.put("mayStillApprove", signOff.mayStillApprove());
        map.put("reasons", signOff.reasons());
        return map;
    }

    private static Map<String, Object> deploy(DeployResult deploy) {
        if (deploy == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", deploy.action());
        map.put("succeeded", deploy.succeeded());
        map.put("exitCode", deploy.exitCode());
        map.put("durationMs", deploy.durationMs());
        map.put("reason", deploy.reason());
        map.put("output", deploy.output());
        return map;
    }
}
