package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ExtensionList;
import hudson.model.Result;
import hudson.util.Secret;
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
    private static void pageThroughWebhook(String credentialsId) {
        EscalationContact contact = new EscalationContact("hook", ContactType.WEBHOOK);
        contact.setCredentialsId(credentialsId);
        ReleaseGateGlobalConfiguration config = ExtensionList.lookupSingleton(ReleaseGateGlobalConfiguration.class);
        config.setContacts(List.of(contact));
        config.setChain("hook");
    }

    @Test
    void shouldPassWhenBothBackendsGetTheirShare(JenkinsRule r) throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.healthy()) {
            WorkflowJob job = job(r, "def v = releaseGateVerify(lb: '" + lb.url() + "', expect: 'web-01,web-02',"
                    + " page: false)\necho \"verdict=${v.verdict} rolledBack=${v.rolledBack}\"");

            WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

            r.assertLogContains("verdict=PASS rolledBack=false", run);
            assertThat(run.getAction(ReleaseGateAction.class).getVerifications())
                    .extracting(VerificationRecord::getVerdict).containsExactly("PASS");
        }
    }

    @Test
    void shouldRollBackVerifyAgainAndPageWhenABackendGetsNothing(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path marker = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "web-02-restored");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker);
                WebhookReceiver hook = new WebhookReceiver()) {
            SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                    CredentialsScope.GLOBAL, "lb-hook", "pager webhook", Secret.fromString(hook.url())));
            SystemCredentialsProvider.getInstance().save();
            pageThroughWebhook("lb-hook");
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  def v = releaseGateVerify(lb: '" + lb.url() + "', expect: 'web-01,web-02',\n"
                    + "      rollback: 'touch web-02-restored', failBuild: false)\n"
                    + "  echo \"verdict=${v.verdict} rolledBack=${v.rolledBack} recovered=${v.recovered}"
                    + " delivered=${v.pages.collect { it.delivered }}\"\n"
                    + "}\n", true));

            WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

            r.assertLogContains("verdict=FAIL rolledBack=true recovered=true delivered=[true]", run);
            r.assertLogNotContains(hook.url(), run);
            assertThat(hook.bodies()).hasSize(1);
            assertThat(hook.bodies().get(0)).contains("web-02");
            VerificationRecord record = run.getAction(ReleaseGateAction.class).getVerifications().get(0);
            assertThat(record.getOutcome()).isEqualTo("ROLLED_BACK");
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
    void shouldFailTheBuildWhenABackendGetsNothing(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path never = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "never-created");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(never)) {
            job.setDefinition(new CpsFlowDefinition("node { releaseGateVerify(lb: '" + lb.url() + "',"
                    + " expect: 'web-01,web-02', page: false) }", true));

            WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

            r.assertLogContains("Release Gate: verification of web-01,web-02 FAIL", run);
            r.assertLogContains("web-02", run);
        }
    }

    @Test
    void shouldExplainMissingOptions(JenkinsRule r) throws Exception {
        WorkflowJob job = job(r, "releaseGateVerify(lb: 'http://127.0.0.1:9/')");

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("give the pool to verify", run);
    }
}
