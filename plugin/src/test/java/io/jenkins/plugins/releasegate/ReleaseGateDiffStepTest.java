package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.eclipse.jgit.api.Git;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseGateDiffStepTest {
    private static final String TWO_SERVERS = """
            global
                daemon
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            frontend www
                bind 127.0.0.1:8080
                default_backend web
            backend web
                balance roundrobin
                server web-01 10.0.0.1:80 check
                server web-02 10.0.0.2:80 check
            """;

    /**
     * The incident: a commit by alice that drops web-02 from the round-robin pool. Under the engine's default
     * policy that is CRITICAL (single point of failure) and needs 2 approvals.
     */
    static void incidentRepository(File dir) throws Exception {
        Files.createDirectories(dir.toPath());
        try (Git git = Git.init().setDirectory(dir).setInitialBranch("main").call()) {
            Files.writeString(dir.toPath().resolve("haproxy.cfg"), TWO_SERVERS, StandardCharsets.UTF_8);
            git.add().addFilepattern("haproxy.cfg").call();
            git.commit().setMessage("two web servers").setAuthor("Bob Reviewer", "bob@example.com")
                    .setCommitter("Bob Reviewer", "bob@example.com").call();
            Files.writeString(dir.toPath().resolve("haproxy.cfg"),
                    TWO_SERVERS.replace("    server web-02 10.0.0.2:80 check\n", ""), StandardCharsets.UTF_8);
            git.add().addFilepattern("haproxy.cfg").call();
            git.commit().setMessage("take web-02 out for the test").setAuthor("Alice Liddell", "alice@example.com")
                    .setCommitter("Alice Liddell", "alice@example.com").call();
        }
    }

    @Test
    void shouldReturnTheChangeAsAMapAndAttachItToTheBuild(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        incidentRepository(new File(r.jenkins.getWorkspaceFor(job).getRemote()));
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  def c = releaseGateDiff(base: 'HEAD~1', head: 'HEAD')\n"
                + "  echo \"review=${c.reviewRequired} kinds=${c.changes.collect { it.kind }}"
                + " authors=${c.authors.collect { it.email }} digest=${c.digest}\"\n"
                + "}\n", true));

        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

        r.assertLogContains("review=true", run);
        r.assertLogContains("CRITICAL risk, 3 changes, review required (2 approvals)", run);
        r.assertLogContains("SERVER_REMOVED", run);
        r.assertLogContains("authors=[alice@example.com]", run);
        ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
        assertThat(action.getDigest()).startsWith("sha256:");
        assertThat(action.getChange().getChanges()).extracting(c -> c.getKind()).contains("SERVER_REMOVED");
        assertThat(action.getChange().getAuthors()).isEqualTo("Alice Liddell <alice@example.com>");
        r.assertLogContains("digest=" + action.getDigest(), run);
    }

    @Test
    void shouldFailWithTheEnginesMessageOnAnUnknownRevision(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        incidentRepository(new File(r.jenkins.getWorkspaceFor(job).getRemote()));
        job.setDefinition(new CpsFlowDefinition("node { releaseGateDiff(base: 'no-such-rev', head: 'HEAD') }",
                true));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("releaseGateDiff: ", run);
        r.assertLogContains("no-such-rev", run);
    }

    @Test
    void shouldFeedTheSignOffInOnePipeline(JenkinsRule r) throws Exception {
        Reviewers.secure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        incidentRepository(new File(r.jenkins.getWorkspaceFor(job).getRemote()));
        job.setDefinition(new CpsFlowDefinition("def c\n"
                + "node { c = releaseGateDiff(base: 'HEAD~1', head: 'HEAD') }\n"
                + "def s = releaseGateApproval(change: c, reviewers: 'alice, bob, carol', timeout: 10)\n"
                + "echo \"status=${s.status}\"\n", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Release Gate: sign-off needed", run);

        Reviewers.Answer byAuthor = Reviewers.answer(r, "alice", run, "approve", "my change");
        int first = Reviewers.decide(r, "bob", run, "approve", "checked web-02");
        r.waitForMessage("pending: 1 of 2 required approvals", run);
        int second = Reviewers.decide(r, "carol", run, "approve", "checked the capacity");

        // alice has Job/Build: only the engine's author rule refuses her, with the author the diff found
        assertThat(byAuthor.status()).isEqualTo(403);
        assertThat(byAuthor.body()).contains("alice is an author of the commits under review")
                .contains("alice@example.com");
        assertThat(first).isEqualTo(302);
        assertThat(second).isEqualTo(302);
        r.assertBuildStatusSuccess(r.waitForCompletion(run));
        r.assertLogContains("status=RELEASED", run);
    }
}
