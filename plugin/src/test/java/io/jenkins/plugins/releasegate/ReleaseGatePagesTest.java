package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The pages a reviewer reads, as Jenkins serves them: legible badges (design-library colours, a stylesheet the page
 * really loads), numbers and lists in words, a short digest with the full one on hover, the build's summary, and the
 * job's trend with failed builds in it.
 */
@WithJenkins
class ReleaseGatePagesTest {
    /** Diff, sign-off by bob, then a verification that fails and recovers by the rollback. */
    private static WorkflowRun incident(JenkinsRule r, WorkflowJob job, RoundRobinBalancer lb) throws Exception {
        job.setDefinition(new CpsFlowDefinition("node { releaseGateDiff base: 'HEAD~1', head: 'HEAD' }\n"
                + "releaseGateApproval reviewers: 'bob', approvals: 1, timeout: 10\n"
                + "node { releaseGateVerify lb: '" + lb.url() + "', pool: 'web', expect: 'web-01,web-02',"
                + " rollback: 'touch web-02-restored', page: false, failBuild: false }\n", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Release Gate: sign-off needed", run);
        assertThat(Reviewers.decide(r, "bob", run, "approve", "checked the capacity")).isEqualTo(302);
        return r.assertBuildStatus(Result.UNSTABLE, r.waitForCompletion(run));
    }

    /** Security as in the acceptance, a job whose workspace holds the incident's repository. */
    private static WorkflowJob lbDeploy(JenkinsRule r) throws Exception {
        Reviewers.secure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "lb-deploy");
        ReleaseGateDiffStepTest.incidentRepository(new File(r.jenkins.getWorkspaceFor(job).getRemote()));
        return job;
    }

    private static Path marker(JenkinsRule r, WorkflowJob job) {
        return Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "web-02-restored");
    }

    private static JenkinsRule.WebClient browser(JenkinsRule r) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("bob");
        wc.getOptions().setJavaScriptEnabled(false);
        return wc;
    }

    @Test
    void shouldShowTheBuildsReleaseGatePageForPeople(JenkinsRule r) throws Exception {
        // arrange
        WorkflowJob job = lbDeploy(r);
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker(r, job))) {
            WorkflowRun run = incident(r, job, lb);
            String digest = run.getAction(ReleaseGateAction.class).getDigest();

            // act
            HtmlPage page = browser(r).getPage(run, "release-gate/");
            String html = page.getWebResponse().getContentAsString();
            String text = page.asNormalizedText();

            // assert: badges painted by the design library, laid out by a stylesheet the page loads
            assertThat(html).contains("jenkins-badge rg-badge jenkins-!-error-color\">CRITICAL risk")
                    .contains("jenkins-badge rg-badge jenkins-!-success-color\">RELEASED")
                    .contains("jenkins-badge rg-badge jenkins-!-error-color\">FAIL")
                    .contains("jenkins-badge rg-badge jenkins-!-color-dark-orange\">RECOVERED");
            DomElement stylesheet = page.getElementsByTagName("link").stream()
                    .filter(link -> link.getAttribute("href").endsWith("io/jenkins/plugins/releasegate/release-gate.css"))
                    .findFirst().orElseThrow();
            String css = browser(r).getPage(new java.net.URL(page.getUrl(), stylesheet.getAttribute("href")))
                    .getWebResponse().getContentAsString();
            assertThat(css).contains(".rg-badge").contains("inline-flex");

            // numbers and lists for people, every reason on its own
            assertThat(text).doesNotContainPattern("\\d\\.\\d+E-\\d").doesNotContain("[web-01]", "[web-02]", "[]")
                    .contains("Declared but without traffic: web-02").contains("p-value 0.000")
                    .contains("Servers that take traffic").contains("web-01 single point of failure");
            assertThat(page.querySelectorAll("ul.rg-reasons li").size()).isGreaterThanOrEqualTo(2);

            // a short digest, the full one on hover and to copy
            DomElement shortDigest = page.querySelectorAll("table.rg-audit code.rg-digest").get(0) instanceof
                    DomElement element ? element : null;
            assertThat(shortDigest).isNotNull();
            assertThat(shortDigest.getTextContent()).isEqualTo(digest.substring(0, "sha256:".length() + 12));
            assertThat(shortDigest.getAttribute("title")).isEqualTo(digest);
            assertThat(html).contains("text=\"" + digest + "\"");

            // what the gate did, in order, with the rollback's outcome
            assertThat(text).contains("Rollback OK").contains("rolled back, exit code 0")
                    .contains("Verification after the rollback PASS");
        }
    }

    @Test
    void shouldSumUpTheGateOnTheBuildsMainPage(JenkinsRule r) throws Exception {
        // arrange
        WorkflowJob job = lbDeploy(r);
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(marker(r, job))) {
            WorkflowRun run = incident(r, job, lb);

            // act
            HtmlPage page = browser(r).getPage(run);
            String text = page.asNormalizedText();

            // assert: verdict, risk and sign-off at a glance, and a link to the details
            assertThat(text).contains("Release Gate: verification of web").contains("FAIL").contains("RECOVERED")
                    .contains("CRITICAL risk").contains("sign-off RELEASED");
            assertThat(page.getAnchors()).anySatisfy(anchor -> assertThat(anchor.getHrefAttribute())
                    .isEqualTo("release-gate/#verification"));
        }
    }

    @Test
    void shouldDrawTheTrendOfTheLastBuildsEvenWhenTheLastOnesFailed(JenkinsRule r) throws Exception {
        // arrange: a pass, then two builds whose verification fails without a rollback
        WorkflowJob job = r.createProject(WorkflowJob.class, "lb-monitor");
        Path back = Path.of(r.jenkins.getWorkspaceFor(job).getRemote(), "web-02-back");
        try (RoundRobinBalancer lb = RoundRobinBalancer.withWeb02While(back)) {
            job.setDefinition(new CpsFlowDefinition("node { releaseGateVerify lb: '" + lb.url() + "',"
                    + " pool: 'web', expect: 'web-01,web-02', page: false }", true));
            Files.createDirectories(back.getParent());
            Files.writeString(back, "yes");
            r.assertBuildStatusSuccess(job.scheduleBuild2(0));
            Files.delete(back);
            r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
            r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

            // act
            JenkinsRule.WebClient wc = r.createWebClient();
            wc.getOptions().setJavaScriptEnabled(false);
            HtmlPage page = wc.getPage(job);

            // assert: one column per build, oldest first, the failed ones red with web-02 at 0 % of its 50 %
            String html = page.getWebResponse().getContentAsString();
            String svg = html.substring(html.indexOf("class=\"rg-trend\""), html.indexOf("</svg>",
                    html.indexOf("class=\"rg-trend\"")));
            List<String> titles = java.util.regex.Pattern.compile("<title>([^<]*)</title>").matcher(svg).results()
                    .map(match -> match.group(1)).toList();
            assertThat(titles).hasSize(3);
            assertThat(titles.get(0)).startsWith("#1: PASSED");
            assertThat(titles.get(2)).startsWith("#3: UNRECOVERED").contains("web-02 got 0.0 % of its declared 50.0 %");
            assertThat(svg.split("class=\"rg-trend-fail\"", -1)).hasSize(3);
        }
    }
}
