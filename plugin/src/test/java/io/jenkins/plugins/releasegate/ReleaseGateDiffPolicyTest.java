package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code releaseGateDiff} judges a change by the policy at the base revision, as the engine does: a commit that
 * removes web-02 and turns review off in {@code .releasegate.yml} still needs review, and the edit is reported.
 */
@WithJenkins
class ReleaseGateDiffPolicyTest {
    private static final String TWO_SERVERS = """
            backend web
                balance roundrobin
                server web-01 10.0.0.1:80 check
                server web-02 10.0.0.2:80 check
            """;

    private static void commit(Git git, Path dir, String config, String policy, String message) throws Exception {
        Files.writeString(dir.resolve("haproxy.cfg"), config, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".releasegate.yml"), policy, StandardCharsets.UTF_8);
        git.add().addFilepattern("haproxy.cfg").addFilepattern(".releasegate.yml").call();
        git.commit().setMessage(message).setAuthor("Alice Liddell", "alice@example.com")
                .setCommitter("Alice Liddell", "alice@example.com").call();
    }

    @Test
    void shouldJudgeByTheBaseRevisionsPolicyNotTheChangesOwn(JenkinsRule r) throws Exception {
        // arrange: base needs review from LOW; head removes web-02 and sets the threshold to NONE; the work tree
        // holds yet another policy that would turn review off
        WorkflowJob job = r.createProject(WorkflowJob.class);
        File workspace = new File(r.jenkins.getWorkspaceFor(job).getRemote());
        Files.createDirectories(workspace.toPath());
        try (Git git = Git.init().setDirectory(workspace).setInitialBranch("main").call()) {
            commit(git, workspace.toPath(), TWO_SERVERS, "review:\n  threshold: LOW\n", "pool and policy");
            commit(git, workspace.toPath(), TWO_SERVERS.replace("    server web-02 10.0.0.2:80 check\n", ""),
                    "review:\n  threshold: NONE\n", "web-02 out, review off");
        }
        Files.writeString(workspace.toPath().resolve(".releasegate.yml"), "review:\n  threshold: NONE\n",
                StandardCharsets.UTF_8);
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  def c = releaseGateDiff(base: 'HEAD~1', head: 'HEAD')\n"
                + "  echo \"review=${c.reviewRequired} approvals=${c.requiredApprovals}"
                + " messages=${c.changes.collect { it.message }}\"\n"
                + "}\n", true));

        // act
        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

        // assert
        r.assertLogContains("review=true approvals=2", run);
        r.assertLogContains("review.threshold: LOW", run);
        ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
        assertThat(action.getChange().getChanges()).extracting(c -> c.getKind()).contains("POLICY_CHANGED",
                "SERVER_REMOVED");
    }
}
