package io.releasegate.report;

import io.releasegate.diff.Author;
import io.releasegate.diff.Change;
import io.releasegate.diff.DiffResult;
import io.releasegate.policy.AssessedChange;
import io.releasegate.policy.ChangeReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stable JSON form of a {@link ChangeReport}, documented in docs/user-guide.md. */
public final class ChangeReportJson {
    private ChangeReportJson() {
    }

    public static String write(ChangeReport report) {
        return Json.write(toMap(report));
    }

    /** Plain maps and lists, also what the Jenkins step returns to the Pipeline. */
    public static Map<String, Object> toMap(ChangeReport report) {
        DiffResult diff = report.diff();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("base", diff.base());
        json.put("head", diff.head());
        json.put("digest", report.digest());
        json.put("risk", report.risk().name());
        json.put("reviewRequired", report.reviewRequired());
        json.put("requiredApprovals", report.requiredApprovals());
        json.put("reviewers", report.reviewers());
        json.put("approvalMaxAgeMinutes", report.approvalMaxAgeMinutes());
        json.put("policy", report.policySource());
        json.put("files", diff.files().stream().map(ChangeReportJson::file).toList());
        json.put("changes", report.changes().stream().map(ChangeReportJson::change).toList());
        json.put("pools", diff.pools().stream().map(ChangeReportJson::pool).toList());
        json.put("authors", diff.authors().stream().map(ChangeReportJson::author).toList());
        json.put("errors", diff.errors().stream().map(ChangeReportJson::error).toList());
        if (!diff.patch().isEmpty()) {
            json.put("patch", diff.patch());
        }
        return json;
    }

    private static Map<String, Object> file(DiffResult.FileEntry file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", file.path());
        json.put("oldPath", file.oldPath());
        json.put("format", file.format().id());
        json.put("status", file.status().name());
        return json;
    }

    static Map<String, Object> change(AssessedChange assessed) {
        Change change = assessed.change();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", change.kind().name());
        json.put("risk", assessed.risk().name());
        json.put("file", change.file());
        json.put("line", change.line());
        json.put("pool", change.pool());
        json.put("server", change.server());
        json.put("before", change.before());
        json.put("after", change.after());
        json.put("message", change.message());
        return json;
    }

    private static Map<String, Object> pool(DiffResult.PoolSummary pool) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", pool.name());
        json.put("file", pool.file());
        json.put("algorithm", pool.algorithm());
        json.put("activeServers", List.copyOf(pool.activeServers()));
        json.put("backupServers", List.copyOf(pool.backupServers()));
        json.put("totalWeight", pool.totalWeight());
        return json;
    }

    private static Map<String, Object> author(Author author) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", author.name());
        json.put("email", author.email());
        return json;
    }

    /** A parse error as JSON; shared with the lint report. */
    static Map<String, Object> error(DiffResult.ParseError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", error.file());
        json.put("line", error.line());
        json.put("column", error.column());
        json.put("message", error.message());
        json.put("revision", error.revision());
        return json;
    }
}
