package io.jenkins.plugins.releasegate;

import hudson.model.Run;
import io.jenkins.plugins.releasegate.engine.EngineCommands;
import io.releasegate.review.SignOffDecision;
import io.releasegate.review.SignOffPolicy;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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

    void requested(Run<?, ?> run, SignOffPolicy policy, SignOffDecision state, String message) {
        send(run, message + ": " + run.getFullDisplayName() + " waits for " + policy.describeReviewers() + " ("
                + state.summary() + ") " + link(run));
    }

    void reminder(Run<?, ?> run, SignOffPolicy policy, SignOffDecision state, String message) {
        send(run, "Reminder: " + message + ": " + run.getFullDisplayName() + " still waits (" + state.summary()
                + ") " + link(run));
    }

    private String link(Run<?, ?> run) {
        return jenkins.rootUrl() + run.getUrl() + ReleaseGateAction.URL_NAME + "/";
    }

    private void send(Run<?, ?> run, String text) {
        String contact = jenkins.configuration().getNotificationContact();
        if (contact == null) {
            return;
        }
        try {
            String key = "release-gate/" + run.getParent().getFullName() + "/" + run.getNumber() + "/sign-off";
            new EscalationBridge(jenkins).page(run, List.of(contact), new EngineCommands.Page(text, "info", key,
                    false, link(run), Map.of()));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot notify reviewers of " + run + " through " + contact, e);
        }
    }
}
