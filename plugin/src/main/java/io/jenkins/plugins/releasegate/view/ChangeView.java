package io.jenkins.plugins.releasegate.view;

import io.releasegate.diff.Author;
import io.releasegate.diff.DiffResult;
import io.releasegate.policy.AssessedChange;
import io.releasegate.policy.ChangeReport;
import io.releasegate.recovery.ChangeFacts;
import io.releasegate.report.ChangeReportText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** The change {@code releaseGateDiff} judged, as the build's page shows it. */
@ExportedBean(defaultVisibility = 2)
public final class ChangeView implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String base;
    private final String head;
    private final String digest;
    private final String risk;
    private final boolean reviewRequired;
    private final int requiredApprovals;
    private final String summary;
    private final ArrayList<Row> changes = new ArrayList<>();
    private final ArrayList<PoolRow> pools = new ArrayList<>();
    private final ArrayList<String> errors = new ArrayList<>();
    private final ArrayList<String> authors = new ArrayList<>();
    private final ArrayList<String> authorNames = new ArrayList<>();
    private final ArrayList<String> authorEmails = new ArrayList<>();
    private final ArrayList<String> reviewers;
    private final long approvalMaxAgeMinutes;
    private final String patch;

    private ChangeView(ChangeReport report) {
        DiffResult diff = report.diff();
        this.base = diff.base();
        this.head = diff.head();
        this.digest = report.digest();
        this.risk = report.risk().name();
        this.reviewRequired = report.reviewRequired();
        this.requiredApprovals = report.requiredApprovals();
        this.summary = ChangeReportText.summary(report);
        for (AssessedChange assessed : report.changes()) {
            changes.add(new Row(assessed));
        }
        for (DiffResult.PoolSummary pool : diff.pools()) {
            pools.add(new PoolRow(pool));
        }
        for (DiffResult.ParseError error : diff.errors()) {
            errors.add(error.file() + ":" + error.line() + ":" + error.column() + " (" + error.revision() + ") "
                    + error.message());
        }
        for (Author author : diff.authors()) {
            authors.add(author.name() + " <" + author.email() + ">");
            authorNames.add(author.name());
            authorEmails.add(author.email());
        }
        this.reviewers = new ArrayList<>(report.reviewers());
        this.approvalMaxAgeMinutes = report.approvalMaxAgeMinutes();
        this.patch = diff.patch();
    }

    public static ChangeView of(ChangeReport report) {
        return new ChangeView(report);
    }

    /** What the pages of a recovery say about this change. */
    public ChangeFacts facts() {
        List<String> lines = new ArrayList<>();
        for (Row row : changes) {
            lines.add(row.risk + " " + row.kind + ": " + row.message);
        }
        return new ChangeFacts(base, head, digest, risk, lines);
    }

    @Exported
    public String getBase() {
        return base;
    }

    @Exported
    public String getHead() {
        return head;
    }

    public String getShortBase() {
        return Human.shortSha(base);
    }

    public String getShortHead() {
        return Human.shortSha(head);
    }

    @Exported
    public String getDigest() {
        return digest;
    }

    public String getShortDigest() {
        return Human.shortDigest(digest);
    }

    @Exported
    public String getRisk() {
        return risk;
    }

    public String getRiskBadge() {
        return Badge.risk(risk);
    }

    @Exported
    public boolean isReviewRequired() {
        return reviewRequired;
    }

    @Exported
    public int getRequiredApprovals() {
        return requiredApprovals;
    }

    /** {@code review required: 2 approvals} or {@code no review required}. */
    public String getReviewText() {
        return reviewRequired ? "review required: " + requiredApprovals + (requiredApprovals == 1 ? " approval"
                : " approvals") : "no review required";
    }

    @Exported
    public String getSummary() {
        return summary;
    }

    @Exported
    public List<Row> getChanges() {
        return List.copyOf(changes);
    }

    public List<PoolRow> getPools() {
        return List.copyOf(pools);
    }

    public List<String> getErrors() {
        return List.copyOf(errors);
    }

    /** The authors of the commits under review, {@code Alice Liddell <alice@example.com>, ...}. */
    @Exported
    public String getAuthors() {
        return Human.list(authors);
    }

    public boolean isHasAuthors() {
        return !authors.isEmpty();
    }

    public String getPatch() {
        return patch;
    }

    /** The authors of the commits under review, for the sign-off rules. */
    public List<Author> authorList() {
        List<Author> list = new ArrayList<>();
        for (int i = 0; i < authorNames.size(); i++) {
            list.add(new Author(authorNames.get(i), authorEmails.get(i)));
        }
        return list;
    }

    /** The policy's reviewers ({@code bob, group:lb-reviewers}), or null when it names none. */
    public String reviewerList() {
        return reviewers.isEmpty() ? null : String.join(", ", reviewers);
    }

    public long getApprovalMaxAgeMinutes() {
        return approvalMaxAgeMinutes;
    }

    /** One change. */
    @ExportedBean(defaultVisibility = 3)
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String risk;
        private final String kind;
        private final String where;
        private final String pool;
        private final String server;
        private final String before;
        private final String after;
        private final String message;

        Row(AssessedChange assessed) {
            this.risk = assessed.risk().name();
            this.kind = assessed.change().kind().name();
            this.where = assessed.change().file() + (assessed.change().line() > 0 ? ":" + assessed.change().line()
                    : "");
            this.pool = assessed.change().pool();
            this.server = assessed.change().server();
            this.before = assessed.change().before();
            this.after = assessed.change().after();
            this.message = assessed.change().message();
        }

        @Exported
        public String getRisk() {
            return risk;
        }

        public String getRiskBadge() {
            return Badge.risk(risk);
        }

        @Exported
        public String getKind() {
            return kind;
        }

        @Exported
        public String getWhere() {
            return where;
        }

        public String getPool() {
            return pool;
        }

        public String getServer() {
            return server;
        }

        public String getBefore() {
            return before;
        }

        public String getAfter() {
            return after;
        }

        @Exported
        public String getMessage() {
            return message;
        }
    }

    /** One pool after the change. */
    public static final class PoolRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String algorithm;
        private final String active;
        private final String backup;
        private final int activeCount;
        private final int totalWeight;

        PoolRow(DiffResult.PoolSummary pool) {
            this.name = pool.name();
            this.algorithm = pool.algorithm().isEmpty() ? "(default)" : pool.algorithm();
            this.active = Human.list(pool.activeServers());
            this.backup = Human.list(pool.backupServers());
            this.activeCount = pool.activeServers().size();
            this.totalWeight = pool.totalWeight();
        }

        public String getName() {
            return name;
        }

        public String getAlgorithm() {
            return algorithm;
        }

        /** {@code web-01, web-02}, {@code none}. */
        public String getActive() {
            return active;
        }

        public String getBackup() {
            return backup;
        }

        /** Fewer than two servers take traffic: a single point of failure. */
        public boolean isSinglePoint() {
            return activeCount < 2;
        }

        public int getTotalWeight() {
            return totalWeight;
        }
    }
}
