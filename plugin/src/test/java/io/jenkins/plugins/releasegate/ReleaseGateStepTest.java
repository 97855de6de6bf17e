package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseGateStepTest {
    @Test
    void shouldDeployThenVerifyAndRollBackInAWorkspaceNoStepHasCreatedYet(JenkinsRule r) throws Exception {
        // arrange: the body only echoes, so nothing has created the workspace when the rollback runs there
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path workspace = Path.of(r.jenkins.getWorkspaceFor(job).getRemote());
        Path marker = workspace.resolve("web-02-restored");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker)) {
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  def v = releaseGate(lb: '" + lb.url() + "', expect: 'web-01,web-02',\n"
                    + "      rollback: 'touch web-02-restored', page: false, failBuild: false) {\n"
                    + "    echo 'deploying the change that drops web-02'\n"
                    + "  }\n"
                    + "  echo \"verdict=${v.verdict} rollback=${v.rollback.outcome} rolledBack=${v.rolledBack}"
                    + " recovered=${v.recovered}\"\n"
                    + "}\n", true));
            assertThat(workspace).doesNotExist();

            // act
            WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

            // assert
            r.assertLogContains("deploying the change that drops web-02", run);
            r.assertLogContains("verdict=FAIL rollback=OK rolledBack=true recovered=true", run);
            r.assertLogNotContains("could not be started", run);
            assertThat(marker).exists();
            VerificationRecord record = run.getAction(ReleaseGateAction.class).getLatest();
            assertThat(record.getOutcome()).isEqualTo("RECOVERED");
            assertThat(run.getAction(ReleaseGateAction.class).recovery(record).getRollback().getOutcome())
                    .isEqualTo("OK");
        }
    }

    @Test
    void shouldNotVerifyWhenTheDeployFails(JenkinsRule r) throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.healthy()) {
            WorkflowJob job = r.createProject(WorkflowJob.class);
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  releaseGate(lb: '" + lb.url() + "', expect: 'web-01,web-02', page: false) {\n"
                    + "    error 'deploy failed'\n"
                    + "  }\n"
                    + "}\n", true));

            WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

            r.assertLogContains("deploy failed", run);
            r.assertLogNotContains("Release Gate: verifying", run);
        }
    }

    @Test
    void shouldRefuseOptionsThatCannotWorkBeforeTheBodyDeploysAnything(JenkinsRule r) throws Exception {
        // arrange: a rate the engine refuses, and a body that would leave a trace
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path deployed = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "deployed");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  releaseGate(lb: 'lb.example:8080', expect: 'web-01,web-02', page: false) {\n"
                + "    writeFile file: 'deployed', text: 'yes'\n"
                + "  }\n"
                + "}\n", true));

        // act
        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        // assert
        r.assertLogContains("Release Gate: lb 'lb.example:8080': expected an http:// or https:// URL (nothing was"
                + " deployed)", run);
        assertThat(Files.exists(deployed)).isFalse();
    }
}
