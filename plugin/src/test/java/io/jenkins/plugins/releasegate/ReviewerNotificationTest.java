package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The reviewers hear of a waiting sign-off through the contact of "Notify reviewers through", with a link to the
 * build's page, and are reminded at the configured interval until someone decides.
 */
@WithJenkins
class ReviewerNotificationTest {
    private final long unit = ApprovalStepExecution.reminderUnitMillis;

    @AfterEach
    void restoreTheReminderUnit() {
        ApprovalStepExecution.reminderUnitMillis = unit;
    }

    /**
     * Security as in the acceptance, the chat as the "notify reviewers through" contact with a reminder every
     * "minute" (300 ms in these tests), and a job whose build waits for bob's sign-off.
     */
    private static WorkflowJob signOffNotifiedThrough(JenkinsRule r, WebhookReceiver chat) throws Exception {
        ApprovalStepExecution.reminderUnitMillis = 300;
        Reviewers.secure(r);
        ReleaseGateVerifyStepTest.secretText("chat-url", chat.url());
        EscalationContact team = new EscalationContact("lb-team", ContactType.WEBHOOK);
        team.setCredentialsId("chat-url");
        ReleaseGateGlobalConfiguration config = ExtensionList.lookupSingleton(ReleaseGateGlobalConfiguration.class);
        config.setContacts(List.of(team));
        config.setNotificationContact("lb-team");
        config.setReminderMinutes(1);
        WorkflowJob job = r.createProject(WorkflowJob.class, "lb-change");
        job.setDefinition(new CpsFlowDefinition(Reviewers.approvalScript("bob", 1, 10), true));
        return job;
    }

    @Test
    void shouldNotifyWithALinkThenRemindUntilSomeoneDecides(JenkinsRule r) throws Exception {
        try (WebhookReceiver chat = new WebhookReceiver()) {
            // arrange: a reminder every "minute", a minute being 300 ms in this test
            WorkflowJob job = signOffNotifiedThrough(r, chat);

            // act: wait for the request and two reminders, then decide
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            for (int i = 0; i < 200 && chat.bodies().size() < 3; i++) {
                Thread.sleep(50);
            }
            int decided = Reviewers.decide(r, "bob", run, "approve", "fine");
            r.assertBuildStatusSuccess(r.waitForCompletion(run));
            int afterDecision = chat.bodies().size();
            Thread.sleep(1_000);

            // assert
            String link = r.getURL() + "job/lb-change/1/release-gate/";
            assertThat(decided).isEqualTo(302);
            assertThat(chat.bodies()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(chat.bodies().get(0)).contains("waits for bob").contains(link)
                    .contains("release-gate/lb-change/sign-off-1/");
            assertThat(chat.bodies().subList(1, 3)).allSatisfy(body -> assertThat(body).contains("Reminder: ")
                    .contains("still waits").contains(link));
            assertThat(chat.bodies()).as("no reminder after the decision").hasSize(afterDecision);
            assertThat(run.getAction(ReleaseGateAction.class).getAudit()).extracting(AuditRecord::getComment)
                    .anySatisfy(comment -> assertThat(comment).startsWith("reminder sent: "));
        }
    }

    @Test
    void shouldNeverRemindBeforeTheRequestWentOut(JenkinsRule r) throws Exception {
        // arrange: the chat answers the first post "503, retry after 2 s", and a reminder is due every 300 ms
        try (WebhookReceiver chat = WebhookReceiver.busyAtFirst(2)) {
            WorkflowJob job = signOffNotifiedThrough(r, chat);

            // act: wait until the request and a reminder were accepted, then decide
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            for (int i = 0; i < 200 && chat.accepted().size() < 2; i++) {
                Thread.sleep(50);
            }
            Reviewers.decide(r, "bob", run, "approve", "fine");
            r.assertBuildStatusSuccess(r.waitForCompletion(run));

            // assert: the first post was refused and retried; nothing was accepted before the request itself
            assertThat(chat.received().get(0).status()).isEqualTo(503);
            assertThat(chat.accepted()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(chat.accepted().get(0)).contains("waits for bob").doesNotContain("Reminder: ");
            assertThat(chat.accepted().get(1)).contains("Reminder: ");
        }
    }

    @Test
    void shouldWaitWithoutNotifyingWhenNoContactIsNamed(JenkinsRule r) throws Exception {
        try (WebhookReceiver chat = new WebhookReceiver()) {
            // arrange: a contact exists, but "Notify reviewers through" is empty
            Reviewers.secure(r);
            ReleaseGateVerifyStepTest.secretText("chat-url", chat.url());
            ReleaseGateVerifyStepTest.pageThroughWebhook("chat-url");
            WorkflowJob job = r.createProject(WorkflowJob.class);
            job.setDefinition(new CpsFlowDefinition(Reviewers.approvalScript("bob", 1, 10), true));

            // act
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Release Gate: sign-off needed", run);
            Reviewers.decide(r, "bob", run, "approve", "fine");
            r.assertBuildStatusSuccess(r.waitForCompletion(run));

            // assert
            assertThat(chat.bodies()).isEmpty();
        }
    }
}
