package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import hudson.model.Result;
import hudson.tasks.Mailer;
import io.releasegate.drill.PagerDutyEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jenkins.model.JenkinsLocationConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A contact configured in Manage Jenkins → System receives the trigger the moment a {@code releaseGate} block fails
 * its verification (before the rollback runs), and the resolve after the rollback brought the pool back: PagerDuty,
 * Slack and a webhook through Secret Text credentials, email through the Mailer plugin's SMTP server. Every
 * receiver is a real server on 127.0.0.1 that checks its wire format.
 */
@WithJenkins
class ReleaseGatePagingTest {
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
    private JenkinsRule r;
    private WorkflowJob job;
    private Path marker;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        job = r.createProject(WorkflowJob.class, "lb-deploy");
        marker = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "web-02-restored");
    }

    private static void chain(EscalationContact contact) {
        ReleaseGateGlobalConfiguration config = ExtensionList.lookupSingleton(ReleaseGateGlobalConfiguration.class);
        config.setContacts(List.of(contact));
        config.setChain(contact.getName());
    }

    private String state() {
        return Files.exists(marker) ? "rolled back" : "not rolled back yet";
    }

    /** The incident: the deploy body drops nothing itself, web-02 is out until the rollback puts it back. */
    private WorkflowRun failVerifyAndRollBack(RoundRobinBalancer lb) throws Exception {
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  def v = releaseGate(lb: '" + lb.url() + "', pool: 'web', expect: 'web-01,web-02',\n"
                + "      rollback: 'touch web-02-restored', failBuild: false) {\n"
                + "    echo 'deploying'\n"
                + "  }\n"
                + "  echo \"recovered=${v.recovered} delivered=${v.pages.collect { it.action + ':' + it.delivered }}"
                + " kept=${v.pages.collect { it.outbox != null }}\"\n"
                + "}\n", true));
        return r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));
    }

    /** The incident, recovered, with both pages delivered. */
    private WorkflowRun failVerifyAndRecover(RoundRobinBalancer lb) throws Exception {
        WorkflowRun run = failVerifyAndRollBack(lb);
        r.assertLogContains("recovered=true delivered=[trigger:true, resolve:true]", run);
        return run;
    }

    /** The Mailer's SMTP server on 127.0.0.1, and one email contact as the whole chain. */
    private static void mailThrough(SmtpReceiver smtp) {
        Mailer.descriptor().setSmtpHost("127.0.0.1");
        Mailer.descriptor().setSmtpPort(String.valueOf(smtp.port()));
        JenkinsLocationConfiguration.get().setAdminAddress("jenkins@example.com");
        EscalationContact mail = new EscalationContact("lb-team-mail", ContactType.EMAIL);
        mail.setRecipients("oncall@example.com");
        chain(mail);
    }

    @Test
    void shouldPagePagerDutyAtOnceAndResolveAfterRecovery() throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker);
                PagerDutyEndpoint pagerDuty = PagerDutyEndpoint.start(ROUTING_KEY)) {
            // arrange
            ReleaseGateVerifyStepTest.secretText("pd-key", ROUTING_KEY);
            EscalationContact oncall = new EscalationContact("oncall", ContactType.PAGERDUTY);
            oncall.setCredentialsId("pd-key");
            oncall.setBaseUrl(pagerDuty.baseUrl().toString());
            chain(oncall);

            // act
            WorkflowRun run = failVerifyAndRecover(lb);

            // assert: the Events API v2 saw trigger then resolve, one dedup key, the trigger before the rollback
            assertThat(pagerDuty.events()).extracting(PagerDutyEndpoint.Event::action).containsExactly("trigger",
                    "resolve");
            PagerDutyEndpoint.Event trigger = pagerDuty.events().get(0);
            assertThat(trigger.dedupKey()).isEqualTo("release-gate/lb-deploy/web")
                    .isEqualTo(pagerDuty.events().get(1).dedupKey());
            assertThat(trigger.severity()).isEqualTo("error");
            Instant rolledBack = Files.getLastModifiedTime(marker).toInstant();
            assertThat(trigger.received()).isBefore(rolledBack);
            assertThat(pagerDuty.events().get(1).received()).isAfter(rolledBack);
            r.assertLogNotContains(ROUTING_KEY, run);
        }
    }

    @Test
    void shouldPostToSlackAtOnceAndResolveAfterRecovery() throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker);
                WebhookReceiver slack = new WebhookReceiver("/services/T0/B0/x", 200, this::state)) {
            // arrange
            ReleaseGateVerifyStepTest.secretText("slack-url", slack.url());
            EscalationContact team = new EscalationContact("lb-team", ContactType.SLACK);
            team.setCredentialsId("slack-url");
            chain(team);

            // act
            WorkflowRun run = failVerifyAndRecover(lb);

            // assert: Slack's incoming-webhook format (text and blocks)
            assertThat(slack.received()).extracting(WebhookReceiver.Received::stateOnArrival)
                    .containsExactly("not rolled back yet", "rolled back");
            assertThat(slack.bodies().get(0)).contains("\"text\"").contains("\"blocks\"")
                    .contains("ERROR release gate alert on web");
            assertThat(slack.bodies().get(1)).contains("RESOLVED release gate alert");
            r.assertLogNotContains(slack.url(), run);
        }
    }

    @Test
    void shouldPostToAWebhookAtOnceAndResolveAfterRecovery() throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker);
                WebhookReceiver hook = new WebhookReceiver("/hook", 202, this::state)) {
            // arrange: exactly as docs/jenkins.md configures it (a WEBHOOK contact, the URL in a Secret Text)
            ReleaseGateVerifyStepTest.secretText("pager-webhook-url", hook.url());
            ReleaseGateVerifyStepTest.pageThroughWebhook("pager-webhook-url");

            // act
            failVerifyAndRecover(lb);

            // assert: the engine's page JSON
            assertThat(hook.received()).extracting(WebhookReceiver.Received::stateOnArrival)
                    .containsExactly("not rolled back yet", "rolled back");
            assertThat(hook.bodies().get(0)).contains("\"action\"").contains("trigger")
                    .contains("release-gate/lb-deploy/web");
            assertThat(hook.bodies().get(1)).contains("resolve").contains("release-gate/lb-deploy/web");
        }
    }

    @Test
    void shouldRefuseToMailThroughAnSmtpsServerAndKeepThePage() throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker);
                SmtpReceiver smtp = new SmtpReceiver(this::state)) {
            // arrange: the Mailer speaks SMTPS ("Use SSL"), which the engine's email contact cannot
            mailThrough(smtp);
            Mailer.descriptor().setUseSsl(true);

            // act
            WorkflowRun run = failVerifyAndRollBack(lb);

            // assert: nothing was sent in plain text to a server set up for SMTPS; the reason is in the log and the
            // pages wait in the outbox
            assertThat(smtp.messages()).isEmpty();
            r.assertLogContains("recovered=true delivered=[trigger:false, resolve:false] kept=[true, true]", run);
            r.assertLogContains("contact 'lb-team-mail': the Mailer plugin's SMTP server is set to \"Use SSL\"", run);
        }
    }

    @Test
    void shouldMailThroughTheMailersSmtpServerAtOnceAndResolveAfterRecovery() throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker);
                SmtpReceiver smtp = new SmtpReceiver(this::state)) {
            // arrange
            mailThrough(smtp);

            // act
            failVerifyAndRecover(lb);

            // assert
            assertThat(smtp.messages()).extracting(SmtpReceiver.Message::stateOnArrival)
                    .containsExactly("not rolled back yet", "rolled back");
            assertThat(smtp.messages().get(0).recipients()).containsExactly("<oncall@example.com>");
            assertThat(smtp.messages().get(0).data()).contains("From: jenkins@example.com")
                    .contains("X-Release-Gate-Dedup-Key: release-gate/lb-deploy/web");
            assertThat(smtp.messages().get(1).data()).contains("X-Release-Gate-Dedup-Key: release-gate/lb-deploy/web")
                    .containsIgnoringCase("resolve");
        }
    }
}
