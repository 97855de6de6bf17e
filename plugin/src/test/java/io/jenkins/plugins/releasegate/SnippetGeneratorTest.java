package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.io.File;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Each step's Snippet Generator form (the JSON its config.jelly posts to {@code /pipeline-syntax/generateSnippet})
 * produces the snippet below, and that snippet, pasted as it is into a Pipeline, runs.
 */
@WithJenkins
class SnippetGeneratorTest {
    private JenkinsRule r;
    private SnippetizerTester snippetizer;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        snippetizer = new SnippetizerTester(rule);
    }

    private static String form(Class<?> step, String fields) {
        return "{'stapler-class':'" + step.getName() + "', " + fields + "}";
    }

    private WorkflowRun run(WorkflowJob job, String script, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void shouldGenerateARunnableReleaseGateVerify() throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.healthy()) {
            // arrange
            String snippet = "releaseGateVerify expect: 'web-01,web-02', lb: '" + lb.url() + "', page: false";

            // act + assert: the form gives this snippet, and the snippet verifies
            snippetizer.assertGenerateSnippet(form(ReleaseGateVerifyStep.class, "'lb':'" + lb.url()
                    + "', 'expect':'web-01,web-02', 'page':false, 'failBuild':true"), snippet, null);
            WorkflowRun build = run(r.createProject(WorkflowJob.class), "node {\n" + snippet + "\n}", Result.SUCCESS);
            r.assertLogContains("verification of web-01,web-02 PASS", build);
        }
    }

    @Test
    void shouldGenerateARunnableReleaseGateBlock() throws Exception {
        try (RoundRobinBalancer lb = RoundRobinBalancer.healthy()) {
            // arrange
            String snippet = "releaseGate(expect: 'web-01,web-02', lb: '" + lb.url() + "', page: false) {\n"
                    + "    // some block\n}";

            // act + assert
            snippetizer.assertGenerateSnippet(form(ReleaseGateStep.class, "'lb':'" + lb.url()
                    + "', 'expect':'web-01,web-02', 'page':false"), snippet, null);
            WorkflowRun build = run(r.createProject(WorkflowJob.class), "node {\n" + snippet + "\n}", Result.SUCCESS);
            r.assertLogContains("verification of web-01,web-02 PASS", build);
        }
    }

    @Test
    void shouldGenerateARunnableReleaseGateDiff() throws Exception {
        // arrange
        WorkflowJob job = r.createProject(WorkflowJob.class);
        ReleaseGateDiffStepTest.incidentRepository(new File(r.jenkins.getWorkspaceFor(job).getRemote()));
        String snippet = "releaseGateDiff base: 'HEAD~1', head: 'HEAD'";

        // act + assert
        snippetizer.assertGenerateSnippet(form(ReleaseGateDiffStep.class, "'base':'HEAD~1', 'head':'HEAD',"
                + " 'dir':'.'"), snippet, null);
        WorkflowRun build = run(job, "node {\n" + snippet + "\n}", Result.SUCCESS);
        r.assertLogContains("Release Gate: CRITICAL risk, 3 changes, review required (2 approvals)", build);
    }

    @Test
    void shouldGenerateARunnableReleaseGateApproval() throws Exception {
        // arrange: the generated snippet has no change: it signs off what releaseGateDiff recorded in the build.
        // SnippetizerTester posts the form anonymously, so the snippet is generated before security is on (with it,
        // anonymous gets 403, as in the acceptance Jenkins); the sign-off then needs bob's login.
        String snippet = "releaseGateApproval approvals: 1, reviewers: 'bob', timeout: 10";
        snippetizer.assertGenerateSnippet(form(ReleaseGateApprovalStep.class, "'reviewers':'bob', 'approvals':1,"
                + " 'timeout':10, 'maxAge':0"), snippet, null);
        Reviewers.secure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        ReleaseGateDiffStepTest.incidentRepository(new File(r.jenkins.getWorkspaceFor(job).getRemote()));
        job.setDefinition(new CpsFlowDefinition("node { releaseGateDiff base: 'HEAD~1', head: 'HEAD' }\n"
                + snippet + "\n", true));

        // act
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Release Gate: sign-off needed", build);
        int status = Reviewers.decide(r, "bob", build, "approve", "checked");

        // assert
        assertThat(status).isEqualTo(302);
        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        r.assertLogContains("Release Gate: released: 1 of 1 required approvals (bob)", build);
        assertThat(build.getAction(ReleaseGateAction.class).getApprovals()).extracting(ApprovalRecord::getDigest)
                .containsExactly(build.getAction(ReleaseGateAction.class).getDigest());
    }

    @Test
    void shouldRefuseAnApprovalWithoutAnyChangeAtOnce() throws Exception {
        // act
        WorkflowRun build = run(r.createProject(WorkflowJob.class), "releaseGateApproval reviewers: 'bob'",
                Result.FAILURE);

        // assert
        r.assertLogContains("releaseGateApproval: give change: (the map releaseGateDiff returned), or run "
                + "releaseGateDiff earlier in this build", build);
    }
}
