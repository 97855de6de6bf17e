package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The monitor job of docs/jenkins.md, for real: a Pipeline clones a configuration repository (a real git repository
 * in a temporary directory, with or without {@code .releasegate/holds.yml}) and runs {@code releaseGateVerify} against
 * the test balancer; the job page shows the holds in force by that build, and says nothing about holds without any.
 */
@WithJenkins
class ReleaseGateHoldsPageTest {
    /** How the pages write a time, written out here rather than taken from the code under test. */
    private static final DateTimeFormatter PAGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String HAPROXY = """
            backend web
                balance roundrobin
                server web-01 10.0.0.1:80 check
                server web-02 10.0.0.2:80 check
            """;

    @TempDir
    Path repository;

    /** The configuration repository: pool web of haproxy.cfg and, when given, the holds file. */
    private void configRepository(String holds) throws Exception {
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repository.resolve("haproxy.cfg"), HAPROXY, StandardCharsets.UTF_8);
            git.add().addFilepattern("haproxy.cfg").call();
            if (holds != null) {
                Files.createDirectories(repository.resolve(".releasegate"));
                Files.writeString(repository.resolve(".releasegate/holds.yml"), holds, StandardCharsets.UTF_8);
                git.add().addFilepattern(".releasegate/holds.yml").call();
            }
            git.commit().setMessage("pool web").setAuthor("Alice Liddell", "alice@example.com")
                    .setCommitter("Alice Liddell", "alice@example.com").call();
        }
    }

    /** alice's hold on web-02 for a load test, written 30 minutes before it ends at {@code until}. */
    private static String holdOnWeb02(Instant until) {
        return "holds:\n  - pool: web\n    servers: [web-02]\n    since: " + until.minus(Duration.ofMinutes(30))
                + "\n    until: " + until + "\n    reason: load test\n    owner: alice\n";
    }

    /** The job of docs/jenkins.md's monitor section, without its schedule, run once. */
    private WorkflowRun runMonitorJob(JenkinsRule r, RoundRobinBalancer lb, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "lb-monitor");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  sh 'rm -rf lb && git clone --quiet \"" + repository + "\" lb'\n"
                + "  dir('lb') {\n"
                + "    releaseGateVerify(lb: '" + lb.url() + "', pool: 'web', page: false)\n"
                + "  }\n"
                + "}\n", true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private static JenkinsRule.WebClient browser(JenkinsRule r) {
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false);
        return wc;
    }

    /** The Release Gate panel of the job page, from its "Latest:" line to the trend's legend. */
    private static String panel(HtmlPage jobPage) {
        String text = jobPage.asNormalizedText();
        int start = text.indexOf("Latest: #");
        int end = text.indexOf("Square: verdict", Math.max(start, 0));
        assertThat(start).as("the Release Gate panel in:\n" + text).isNotNegative();
        assertThat(end).as("the trend's legend in:\n" + text).isGreaterThan(start);
        return text.substring(start, end);
    }

    @Test
    void shouldShowTheActiveHoldOnTheJobPageWithItsOwnerReasonAndEnd(JenkinsRule r) throws Exception {
        // arrange: web-02 out of the balancer's pool under alice's hold, which ends in two hours
        Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        configRepository(holdOnWeb02(until));
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(repository.resolve("never-created"))) {
            WorkflowRun run = runMonitorJob(r, lb, Result.SUCCESS);

            // act
            HtmlPage jobPage = browser(r).getPage(run.getParent());
            HtmlPage buildPage = browser(r).getPage(run, "release-gate/");

            // assert: the job page names the build, then the hold: pool, server, end, owner, reason, state, time left
            String panel = panel(jobPage);
            assertThat(panel).contains("Active holds").contains("As verified by #1 at ")
                    .contains("web-02").contains(PAGE_TIME.format(until)).contains("alice").contains("load test")
                    .contains("HELD").containsPattern("1h 5\\dm left").contains(".releasegate/holds.yml:2");
            assertThat(jobPage.getWebResponse().getContentAsString())
                    .contains("jenkins-badge rg-badge jenkins-!-info-color\">HELD");
            assertThat(jobPage.getAnchors()).anySatisfy(anchor -> assertThat(anchor.getHrefAttribute())
                    .endsWith("/job/lb-monitor/1/release-gate/#verification"));

            // and the build's own page keeps what its verification judged by
            assertThat(buildPage.asNormalizedText()).contains("Holds in force").contains(PAGE_TIME.format(until))
                    .contains("alice").contains("load test").containsPattern("1h 5\\dm left");
        }
    }

    @Test
    void shouldShowAnExpiredHoldStillOutAsOverdueInTheFailureColour(JenkinsRule r) throws Exception {
        // arrange: alice's hold ended a minute ago and web-02 is still out
        Instant until = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        configRepository(holdOnWeb02(until));
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(repository.resolve("never-created"))) {
            WorkflowRun run = runMonitorJob(r, lb, Result.FAILURE);
            r.assertLogContains("web-02 was due back at ", run);

            // act
            HtmlPage jobPage = browser(r).getPage(run.getParent());

            // assert
            String panel = panel(jobPage);
            assertThat(panel).contains("Active holds").contains(PAGE_TIME.format(until)).contains("alice")
                    .contains("load test").contains("OVERDUE").contains("still out when #1 verified");
            assertThat(jobPage.getWebResponse().getContentAsString())
                    .contains("jenkins-badge rg-badge jenkins-!-error-color\">OVERDUE");
        }
    }

    @Test
    void shouldSayNothingAboutHoldsWhenThereAreNone(JenkinsRule r) throws Exception {
        // arrange: no holds file, both servers in the pool
        configRepository(null);
        try (RoundRobinBalancer lb = RoundRobinBalancer.healthy()) {
            WorkflowRun run = runMonitorJob(r, lb, Result.SUCCESS);

            // act
            HtmlPage jobPage = browser(r).getPage(run.getParent());
            HtmlPage buildPage = browser(r).getPage(run, "release-gate/");

            // assert: the panel shows the verdict and the trend, and no word about holds
            assertThat(panel(jobPage)).contains("verification of web").doesNotContainIgnoringCase("hold");
            assertThat(jobPage.getWebResponse().getContentAsString()).doesNotContain("rg-holds");
            assertThat(buildPage.getWebResponse().getContentAsString()).doesNotContain("rg-holds")
                    .doesNotContain("Holds in force");
        }
    }
}
