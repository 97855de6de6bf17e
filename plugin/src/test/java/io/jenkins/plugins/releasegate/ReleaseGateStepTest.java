package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
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
    void shouldDeployThenVerifyAndRollBack(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        Path marker = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "web-02-restored");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker)) {
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  def v = releaseGate(lb: '" + lb.url() + "', expect: 'web-01,web-02',\n"
                    + "      rollback: 'touch web-02-restored', page: false, failBuild: false) {\n"
                    + "    echo 'deploying the change that drops web-02'\n"
                    + "  }\n"
                    + "  echo \"verdict=${v.verdict} recovered=${v.recovered}\"\n"
                    + "}\n", true));

            WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

            r.assertLogContains("deploying the change that drops web-02", run);
            r.assertLogContains("verdict=FAIL recovered=true", run);
            assertThat(marker).exists();
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
}
