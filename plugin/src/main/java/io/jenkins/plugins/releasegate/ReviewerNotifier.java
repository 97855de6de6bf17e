package io.jenkins.plugins.releasegate;

import hudson.model.Run;
import io.releasegate.log.LogSink;
import io.releasegate.paging.Page;
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
 * A failed notification is logged and never fails the build: the sign-off still waits.
 */
final class ReviewerNotifier {
    private static final Logger LOGGER = Logger.getLogger(ReviewerNotifier.class.getName());

    private final JenkinsFacade jenkins;

    ReviewerNotifier(JenkinsFacade jenkins) {
        this.jenkins = jenkins;
    }

    void requested(Run<?, ?> run, SignOffPolicy policy, SignOffDecision state, String message, LogSink log) {
        send(run, message + ": " + run.getFullDisplayName() + " waits for " + policy.describeReviewers() + " ("
                + state.summary() + ") " + link(run), log);
    }

    void reminder(Run<?, ?> run, SignOffPolicy policy, SignOffDecision state, String message, LogSink log) {
        send(run, "Reminder: " + message + ": " + run.getFullDisplayName() + " still waits (" + state.summary()
                + ") " + link(run), log);
    }

    private String link(Run<?, ?> run) {
        return jenkins.rootUrl() + run.getUrl() + ReleaseGateAction.URL_NAME + "/";
    }

    private void send(Run<?, ?> run, String text, LogSink log) {
        String contact = jenkins.configuration().getNotificationContact();
        if (contact == null) {
            return;
        }
        try {
            String key = VerificationFlow.dedupKey(run, run.getNumber() + "/sign-off");
            Page.Builder page = Page.trigger(key, text).severity(Severity.INFO).source(VerificationFlow.SOURCE)
                    .timestamp(Instant.now());
            if (!jenkins.rootUrl().isEmpty()) {
                page.link(link(run), "Review the change");
            }
            new EscalationBridge(jenkins).page(run, List.of(contact), page.build(), log);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot notify reviewers of " + run + " through " + contact, e);
        }
    }
}
