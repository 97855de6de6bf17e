package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class ReleaseGateApprovalRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void shouldBeApprovableAfterAControllerRestart() throws Throwable {
        sessions.then(r -> {
            Reviewers.secure(r);
            WorkflowJob job = r.createProject(WorkflowJob.class, "lb-change");
            job.setDefinition(new CpsFlowDefinition(Reviewers.approvalScript("bob, carol", 2, 30), true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Release Gate: sign-off needed", run);
            assertThat(Reviewers.decide(r, "bob", run, "approve", "before the restart")).isEqualTo(302);
            r.waitForMessage("pending: 1 of 2 required approvals", run);
        });
        sessions.then(r -> {
            Reviewers.secure(r);
            WorkflowRun run = r.jenkins.getItemByFullName("lb-change", WorkflowJob.class).getBuildByNumber(1);
            assertThat(run.isBuilding()).isTrue();
            ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
            assertThat(action.getStatus()).isEqualTo("PENDING");
            assertThat(action.getApprovals()).extracting(ApprovalRecord::getReviewer).containsExactly("bob");

            int status = Reviewers.decide(r, "carol", run, "approve", "after the restart");

            assertThat(status).isEqualTo(302);
            r.assertBuildStatusSuccess(r.waitForCompletion(run));
            r.assertLogContains("sign-off RELEASED by [bob, carol]", run);
        });
    }
}
