package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ExtensionList;
import hudson.model.Result;
import hudson.util.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseGateVerifyStepTest {
    private static WorkflowJob job(JenkinsRule r, String body) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node {\n" + body + "\n}\n", true));
        return job;
    }

    /** The global escalation chain: one webhook contact whose URL is the Secret Text credential {@code id}. */
    static void pageThroughWebhook(String credentialsId) {
        EscalationContact contact = new EscalationContact("hook", ContactType.WEBHOOK);
        contact.setCredentialsId(credentialsId);
        ReleaseGateGlobalConfiguration config = ExtensionList.lookupSingleton(ReleaseGateGlobalConfiguration.class);
        config.setContacts(List.of(contact));
        config.setChain("hook");
    }

    static void secretText(String id, String value) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, id, "Release Gate test secret", Secret.fromString(value)));
        SystemCredentialsProvider.getInstance().save();
    }

    @Test
    void shouldPassWhenBothBackendsGetTheirShare(JenkinsRule r) throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.healthy()) {
            WorkflowJob job = job(r, "def v = releaseGateVerify(lb: '" + lb.url() + "', expect: 'web-01,web-02',"
                    + " page: false)\necho \"verdict=${v.verdict} outcome=${v.outcome} rolledBack=${v.rolledBack}\"");

            WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

            r.assertLogContains("verdict=PASS outcome=PASSED rolledBack=false", run);
            assertThat(run.getAction(ReleaseGateAction.class).getVerifications())
                    .extracting(VerificationRecord::getOutcome).containsExactly("PASSED");
        }
    }

    @Test
    void shouldPageAtOnceThenRollBackVerifyAgainAndResolve(JenkinsRule r) throws Exception {
        // arrange: web-02 is out of the pool until the rollback creates the marker; the webhook notes, for each
        // page, whether the rollback had run when the page arrived
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path marker = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "web-02-restored");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker);
                WebhookReceiver hook = new WebhookReceiver("/hook", 202,
                        () -> Files.exists(marker) ? "rolled back" : "not rolled back yet")) {
            secretText("lb-hook", hook.url());
            pageThroughWebhook("lb-hook");
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  def v = releaseGateVerify(lb: '" + lb.url() + "', expect: 'web-01,web-02',\n"
                    + "      rollback: 'touch web-02-restored', failBuild: false)\n"
                    + "  echo \"verdict=${v.verdict} rolledBack=${v.rolledBack} recovered=${v.recovered}"
                    + " pages=${v.pages.collect { it.action + '/' + it.severity + '/' + it.delivered }}\"\n"
                    + "}\n", true));

            // act
            WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

            // assert: the trigger arrived before the rollback ran, the resolve after the pool verified again
            r.assertLogContains("verdict=FAIL rolledBack=true recovered=true"
                    + " pages=[trigger/error/true, resolve/info/true]", run);
            r.assertLogNotContains(hook.url(), run);
            assertThat(hook.received()).extracting(WebhookReceiver.Received::stateOnArrival)
                    .containsExactly("not rolled back yet", "rolled back");
            assertThat(hook.bodies().get(0)).contains("web-02").contains("rolling back now");
            assertThat(hook.bodies().get(1)).contains("resolve");
            VerificationRecord record = run.getAction(ReleaseGateAction.class).getLatest();
            assertThat(record.getOutcome()).isEqualTo("RECOVERED");
            assertThat(record.isIncidentOpen()).isFalse();
        }
    }

    @Test
    void shouldNeverSayRolledBackWhenTheRollbackFailed(JenkinsRule r) throws Exception {
        // arrange
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path never = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "never-created");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(never);
                WebhookReceiver hook = new WebhookReceiver()) {
            secretText("lb-hook", hook.url());
            pageThroughWebhook("lb-hook");
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  def v = releaseGateVerify(lb: '" + lb.url() + "', expect: 'web-01,web-02',\n"
                    + "      rollback: 'echo cannot reach the deploy host; exit 7', failBuild: false)\n"
                    + "  echo \"rollback=${v.rollback.outcome} exit=${v.rollback.exitCode} rolledBack=${v.rolledBack}"
                    + " severities=${v.pages.collect { it.severity }}\"\n"
                    + "}\n", true));

            // act
            WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

            // assert: no second verification, and the on-call hears it failed
            r.assertLogContains("rollback=FAILED exit=7 rolledBack=false severities=[error, critical]", run);
            r.assertLogContains("cannot reach the deploy host", run);
            r.assertLogContains("the rollback FAILED: the rollback command failed with exit code 7", run);
            assertThat(hook.bodies()).hasSize(2);
            assertThat(hook.bodies().get(1)).contains("the rollback FAILED");
            ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
            assertThat(action.getLatest().isRolledBack()).isFalse();
            assertThat(action.getLatest().isIncidentOpen()).isTrue();
            assertThat(action.recovery(action.getLatest()).getAfterRollback()).isNull();
        }
    }

    @Test
    void shouldRecordAPageThatCannotGoOutWithoutFailingTheStep(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path never = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "never-created");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(never)) {
            pageThroughWebhook("no-such-credential");
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  def v = releaseGateVerify(lb: '" + lb.url() + "', expect: 'web-01,web-02', failBuild: false)\n"
                    + "  echo \"delivered=${v.pages.collect { it.delivered }} kept=${v.pages.collect { it.outbox != null }}\"\n"
                    + "}\n", true));

            WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

            r.assertLogContains("delivered=[false] kept=[true]", run);
            r.assertLogContains("no Secret Text credential with id 'no-such-credential'", run);
            assertThat(run.getRootDir().toPath().resolve("release-gate/outbox.jsonl")).content()
                    .contains("release-gate/" + job.getFullName() + "/web-01,web-02");
        }
    }

    @Test
    void shouldResolveTheIncidentOfThePreviousBuildWhenThePoolPassesAgain(JenkinsRule r) throws Exception {
        // arrange: a monitor job (no rollback) fails once, then passes
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path back = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "web-02-back");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(back);
                WebhookReceiver hook = new WebhookReceiver()) {
            secretText("lb-hook", hook.url());
            pageThroughWebhook("lb-hook");
            job.setDefinition(new CpsFlowDefinition("node { releaseGateVerify(lb: '" + lb.url() + "',"
                    + " pool: 'web', expect: 'web-01,web-02', failBuild: false) }", true));
            r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));
            Files.createDirectories(back.getParent());
            Files.writeString(back, "yes");

            // act
            WorkflowRun second = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

            // assert: one trigger (critical, no rollback), then its resolve with the same key
            assertThat(hook.bodies()).hasSize(2);
            assertThat(hook.bodies().get(0)).contains("critical").contains("release-gate/" + job.getFullName()
                    + "/web");
            assertThat(hook.bodies().get(1)).contains("resolve").contains("release-gate/" + job.getFullName()
                    + "/web");
            assertThat(second.getAction(ReleaseGateAction.class).getLatest().isIncidentOpen()).isFalse();
        }
    }

    @Test
    void shouldFailTheBuildWhenABackendGetsNothing(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path never = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "never-created");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(never)) {
            job.setDefinition(new CpsFlowDefinition("node { releaseGateVerify(lb: '" + lb.url() + "',"
                    + " expect: 'web-01,web-02', page: false) }", true));

            WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

            r.assertLogContains("Release Gate: verification of web-01,web-02 FAIL; no rollback is configured", run);
            r.assertLogContains("web-02 got none of", run);
        }
    }

    @Test
    void shouldExplainMissingOptions(JenkinsRule r) throws Exception {
        WorkflowJob job = job(r, "releaseGateVerify(lb: 'http://127.0.0.1:9/')");

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("give the pool to verify", run);
    }
}
