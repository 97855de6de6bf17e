package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import java.net.URL;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseGateApprovalStepTest {
    private static final String WAITING = "Release Gate: sign-off needed for this load-balancer change";

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        Reviewers.secure(r);
    }

    private WorkflowRun startWaiting(String reviewers, int approvals, int timeout, String starter) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(Reviewers.approvalScript(reviewers, approvals, timeout), true));
        WorkflowRun run = starter == null ? job.scheduleBuild2(0).waitForStart()
                : job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause(starter))).waitForStart();
        r.waitForMessage(WAITING, run);
        return run;
    }

    /** The refused decision left the sign-off waiting; stop the build so the test ends. */
    private void assertStillWaitingThenStop(WorkflowRun run) throws Exception {
        assertThat(run.isBuilding()).isTrue();
        assertThat(run.getAction(ReleaseGateAction.class).getStatus()).isEqualTo("PENDING");
        Reviewers.stop(run);
        r.waitForCompletion(run);
    }

    @Test
    void shouldReleaseWhenAnAllowedReviewerApproves() throws Exception {
        WorkflowRun run = startWaiting("bob", 1, 10, "alice");

        int status = Reviewers.decide(r, "bob", run, "approve", "web-02 stays in the pool");

        assertThat(status).isEqualTo(302);
        r.assertBuildStatusSuccess(r.waitForCompletion(run));
        r.assertLogContains("sign-off RELEASED by [bob]", run);
        ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
        assertThat(action.getStatus()).isEqualTo("RELEASED");
        assertThat(action.getApprovals()).extracting(ApprovalRecord::getReviewer).containsExactly("bob");
        assertThat(action.getApprovals().get(0).getDigest()).isEqualTo(Reviewers.DIGEST);
        assertThat(action.getAudit()).extracting(AuditRecord::getKind).contains("REQUEST", "APPROVE", "OUTCOME");
    }

    @Test
    void shouldRefuseSomeoneWhoIsNotAReviewer() throws Exception {
        WorkflowRun run = startWaiting("bob", 1, 10, null);

        Reviewers.Answer answer = Reviewers.answer(r, "erin", run, "approve", "lgtm");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("erin is neither a named reviewer nor a member of a reviewer group");
        assertThat(run.isBuilding()).isTrue();
        assertThat(run.getAction(ReleaseGateAction.class).getApprovals()).isEmpty();
        assertThat(run.getAction(ReleaseGateAction.class).getAudit()).extracting(AuditRecord::getComment)
                .anySatisfy(c -> assertThat(c).contains("erin is neither a named reviewer"));
        Reviewers.stop(run);
        r.waitForCompletion(run);
    }

    @Test
    void shouldRefuseANamedReviewerWithoutTheBuildPermission() throws Exception {
        WorkflowRun run = startWaiting("frank, bob", 1, 10, null);

        Reviewers.Answer answer = Reviewers.answer(r, "frank", run, "approve", "read-only");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("frank is missing the Job/Build permission");
        assertThat(run.getAction(ReleaseGateAction.class).getApprovals()).isEmpty();
        assertStillWaitingThenStop(run);
    }

    @Test
    void shouldAcceptAMemberOfAReviewerGroup() throws Exception {
        WorkflowRun run = startWaiting("group:lb-reviewers", 1, 10, null);

        int status = Reviewers.decide(r, "dave", run, "approve", "");

        assertThat(status).isEqualTo(302);
        r.assertBuildStatusSuccess(r.waitForCompletion(run));
        r.assertLogContains("sign-off RELEASED by [dave]", run);
    }

    @Test
    void shouldRefuseTheAuthorOfTheCommitsEvenWhenNamedAsReviewer() throws Exception {
        WorkflowRun run = startWaiting("alice, al, bob", 1, 10, null);

        Reviewers.Answer byId = Reviewers.answer(r, "alice", run, "approve", "my own change");
        Reviewers.Answer byMail = Reviewers.answer(r, "al", run, "approve", "my own change, other account");

        // al may decide as far as Jenkins is concerned (Job/Build, a named reviewer): only the author rule refuses
        assertThat(byId.status()).isEqualTo(403);
        assertThat(byId.body()).contains("alice is an author of the commits under review").contains("alice@example.com");
        assertThat(byMail.status()).isEqualTo(403);
        assertThat(byMail.body()).contains("al is an author of the commits under review").contains("alice@example.com")
                .doesNotContain("missing the");
        assertThat(run.getAction(ReleaseGateAction.class).getAudit()).extracting(AuditRecord::getComment)
                .anySatisfy(c -> assertThat(c).startsWith("refused approve: al is an author"));
        assertStillWaitingThenStop(run);
    }

    @Test
    void shouldRefuseTheUserWhoStartedTheBuild() throws Exception {
        WorkflowRun run = startWaiting("bob, carol", 1, 10, "carol");

        Reviewers.Answer answer = Reviewers.answer(r, "carol", run, "approve", "ship it");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("carol started this build and may not approve the change it deploys");
        assertStillWaitingThenStop(run);
    }

    @Test
    void shouldNotLetAnAdministratorBypassTheRules() throws Exception {
        WorkflowRun run = startWaiting("bob", 1, 10, null);

        Reviewers.Answer answer = Reviewers.answer(r, "admin", run, "approve", "I am admin");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("admin is neither a named reviewer nor a member of a reviewer group");
        assertThat(run.isBuilding()).isTrue();
        Reviewers.stop(run);
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));
        ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
        for (int i = 0; i < 100 && !"ABORTED".equals(action.getStatus()); i++) {
            Thread.sleep(100); // the abort is recorded on a timer thread, as InputStepExecution does
        }
        assertThat(action.getStatus()).isEqualTo("ABORTED");
    }

    @Test
    void shouldNeedTwoDistinctReviewers() throws Exception {
        WorkflowRun run = startWaiting("bob, carol", 2, 10, null);

        Reviewers.decide(r, "bob", run, "approve", "first");
        Reviewers.decide(r, "bob", run, "approve", "same reviewer again");
        r.waitForMessage("a reviewer counts once", run);
        boolean stillWaiting = run.isBuilding();
        Reviewers.decide(r, "carol", run, "approve", "second");

        assertThat(stillWaiting).isTrue();
        r.assertBuildStatusSuccess(r.waitForCompletion(run));
        r.assertLogContains("sign-off RELEASED by [bob, carol]", run);
    }

    @Test
    void shouldLetTheJenkinsfileSetTheNumberOfApprovalsAndSaySoWhenBelowThePolicy() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(Reviewers.approvalScript("bob, carol", 2, 1, 10), true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(WAITING, run);

        Reviewers.decide(r, "bob", run, "approve", "one is what this Jenkinsfile asks for");

        r.assertBuildStatusSuccess(r.waitForCompletion(run));
        r.assertLogContains("this Jenkinsfile asks for 1 approval(s) where the policy asks for 2", run);
        r.assertLogContains("sign-off RELEASED by [bob]", run);
    }

    @Test
    void shouldFailTheBuildWhenAReviewerRejects() throws Exception {
        WorkflowRun run = startWaiting("bob, carol", 2, 10, null);

        Reviewers.decide(r, "bob", run, "approve", "fine");
        Reviewers.decide(r, "carol", run, "reject", "web-02 must stay in the pool");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(run));
        r.assertLogContains("rejected by carol: \"web-02 must stay in the pool\"", run);
        assertThat(run.getAction(ReleaseGateAction.class).getStatus()).isEqualTo("REJECTED");
    }

    @Test
    void shouldFailTheBuildWhenNobodySignsOffInTime() throws Exception {
        WorkflowRun run = startWaiting("bob", 1, 1, null);

        r.waitForCompletion(run);

        r.assertBuildStatus(Result.FAILURE, run);
        r.assertLogContains("no sign-off within 1 minutes", run);
        assertThat(run.getAction(ReleaseGateAction.class).getStatus()).isEqualTo("TIMED_OUT");
    }

    @Test
    void shouldFailAtOnceWhenNobodyMayApprove() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(Reviewers.approvalScript("", 1, 10), true));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("releaseGateApproval: nobody may approve this change", run);
        r.assertLogNotContains(WAITING, run);
    }

    @Test
    void shouldRefuseAPostWithoutCrumb() throws Exception {
        WorkflowRun run = startWaiting("bob", 1, 10, null);
        JenkinsRule.WebClient wc = r.createWebClient().login("bob");
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(new URL(r.getURL(), run.getUrl() + "release-gate/approve"),
                HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("comment", "no crumb")));

        org.htmlunit.WebResponse response = wc.getPage(request).getWebResponse();

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("No valid crumb was included in the request");
        assertThat(run.getAction(ReleaseGateAction.class).getApprovals()).isEmpty();
        assertStillWaitingThenStop(run);
    }

    @Test
    void shouldShowTheStateInTheRestApi() throws Exception {
        WorkflowRun run = startWaiting("bob", 1, 10, null);
        JenkinsRule.WebClient wc = r.createWebClient().login("bob");

        String json = wc.goTo(run.getUrl() + "release-gate/api/json?depth=1", "application/json")
                .getWebResponse().getContentAsString();

        assertThat(json).contains("\"status\":\"PENDING\"");
        Reviewers.stop(run);
        r.waitForCompletion(run);
    }
}
