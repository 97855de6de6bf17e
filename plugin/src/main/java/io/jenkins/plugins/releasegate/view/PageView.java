package io.jenkins.plugins.releasegate.view;

import io.releasegate.paging.Attempt;
import io.releasegate.paging.PageResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One page sent during a recovery, with its attempts. */
@ExportedBean(defaultVisibility = 3)
public final class PageView implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String action;
    private final String severity;
    private final String summary;
    private final String dedupKey;
    private final boolean delivered;
    private final String deliveredTo;
    private final String reason;
    private final String outbox;
    private final ArrayList<AttemptRow> attempts = new ArrayList<>();

    private PageView(PageResult result, String outbox) {
        this.action = result.page().action().wire();
        this.severity = result.page().severity().wire();
        this.summary = result.page().summary();
        this.dedupKey = result.page().dedupKey();
        this.delivered = result.delivered();
        this.deliveredTo = result.deliveredTo();
        this.reason = result.reason();
        this.outbox = outbox;
        for (Attempt attempt : result.attempts()) {
            attempts.add(new AttemptRow(attempt));
        }
    }

    /** @param outbox where an undelivered page is kept, or null */
    public static PageView of(PageResult result, String outbox) {
        return new PageView(result, outbox);
    }

    /** {@code trigger} or {@code resolve}. */
    @Exported
    public String getAction() {
        return action;
    }

    /** {@code critical}, {@code error}, {@code info}. */
    @Exported
    public String getSeverity() {
        return severity;
    }

    public String getSeverityBadge() {
        return "critical".equals(severity) ? Badge.RED : "error".equals(severity) ? Badge.ORANGE : Badge.BLUE;
    }

    @Exported
    public String getSummary() {
        return summary;
    }

    @Exported
    public String getDedupKey() {
        return dedupKey;
    }

    @Exported
    public boolean isDelivered() {
        return delivered;
    }

    /** {@code delivered to oncall} or {@code NOT delivered}. */
    public String getDelivery() {
        return delivered ? "delivered to " + deliveredTo : "NOT delivered";
    }

    public String getDeliveryBadge() {
        return Badge.status(delivered ? "DELIVERED" : "UNDELIVERED");
    }

    @Exported
    public String getReason() {
        return reason;
    }

    @Exported
    public String getOutbox() {
        return outbox;
    }

    public List<AttemptRow> getAttempts() {
        return List.copyOf(attempts);
    }

    /** One delivery attempt. */
    public static final class AttemptRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String contact;
        private final int attempt;
        private final String time;
        private final String outcome;
        private final String status;
        private final String error;
        private final long durationMs;

        AttemptRow(Attempt attempt) {
            this.contact = attempt.contact();
            this.attempt = attempt.attempt();
            this.time = Human.time(attempt.time());
            this.outcome = attempt.outcome().name();
            this.status = attempt.statusCode() > 0 ? "HTTP " + attempt.statusCode() : "";
            this.error = attempt.error();
            this.durationMs = attempt.durationMs();
        }

        public String getContact() {
            return contact;
        }

        public int getAttempt() {
            return attempt;
        }

        public String getTime() {
            return time;
        }

        public String getOutcome() {
            return outcome;
        }

        public String getOutcomeBadge() {
            return Badge.status(outcome);
        }

        public String getStatus() {
            return status;
        }

        public String getError() {
            return error;
        }

        public String getDuration() {
            return Human.duration(durationMs);
        }
    }
}
