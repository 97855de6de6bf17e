package io.jenkins.plugins.releasegate;

import hudson.model.Run;
import io.releasegate.log.LogSink;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.Severity;
import io.releasegate.signoff.SignOffDecision;
import io.releasegate.signoff.SignOffPolicy;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the reviewers that a sign-off waits for them, and reminds them, through the contact named in the global
 * configuration's "notify reviewers through" (Slack, Teams, webhook or email), with a link to the build's page.
 * Every message of one build's sign-off carries the same dedup key (job, build, change digest). A failed
 * notification is logged and never fails the build: the sign-off still waits.
 */
final class ReviewerNotifier {
    private static final Logger LOGGER = Logger.getLogger(ReviewerNotifier.class.getName());

    private final JenkinsFacade jenkins;

    ReviewerNotifier(JenkinsFacade jenkins) {
        this.jenkins = jenkins;
    }

    /** The first message, when the sign-off starts. Returns what happened, or null without a contact. */
    PageResult requested(Run<?, ?> run, String digest, SignOffPolicy policy, SignOffDecision state, String message,
            LogSink log) {
        return send(run, digest, message + ": " + run.getFullDisplayName() + " waits for "
                + policy.describeReviewers() + " (" + state.summary() + "). " + link(run), log);
    }

    /** A reminder, at the configured interval while the sign-off waits. */
    PageResult reminder(Run<?, ?> run, String digest, SignOffDecision state, String message, LogSink log) {
        return send(run, digest, "Reminder: " + message + ": " + run.getFullDisplayName() + " still waits ("
                + state.summary() + "). " + link(run), log);
    }

    private String link(Run<?, ?> run) {
        String url = jenkins.pageUrl(run);
        return url == null ? "(set the Jenkins URL in Manage Jenkins > System for a link)" : "Review it: " + url;
    }

    private PageResult send(Run<?, ?> run, String digest, String text, LogSink log) {
        String contact = jenkins.configuration().getNotificationContact();
        if (contact == null) {
            return null;
        }
        try {
            Page.Builder page = Page.trigger(Page.dedupKey(run.getParent().getFullName(), "sign-off-"
                    + run.getNumber(), digest), text).severity(Severity.INFO)
                    .source("release-gate " + run.getParent().getFullName()).timestamp(Instant.now());
            String url = jenkins.pageUrl(run);
            if (url != null) {
                page.link(url, "Review the change");
            }
            PageResult result = new EscalationBridge(jenkins).page(run, List.of(contact), page.build(), log);
            log.info("reviewers %s through %s: %s", result.delivered() ? "notified" : "NOT notified", contact,
                    result.reason());
            return result;
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot notify reviewers of " + run + " through " + contact, e);
            return null;
        }
    }
}
