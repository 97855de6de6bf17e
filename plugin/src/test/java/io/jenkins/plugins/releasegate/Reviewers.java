package io.jenkins.plugins.releasegate;

import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.tasks.Mailer;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The acceptance set-up in a JenkinsRule: security on, admin with Overall/Administer, alice the developer (author of
 * the change), bob and carol reviewers with read and build, dave (read and build, group lb-reviewers), frank (read
 * only: may look, may not decide), erin (read and build, no reviewer) and al (alice's second account: read and build
 * like a reviewer, another id, the same mail address). Decisions go through the real HTTP endpoints, with crumbs, as
 * a browser or curl sends them, and come back with their status and the page's text (the reason of a refusal).
 */
final class Reviewers {
    static final String DIGEST = "sha256:0f3c0f3c0f3c0f3c0f3c0f3c0f3c0f3c0f3c0f3c0f3c0f3c0f3c0f3c0f3c0f3c";

    private Reviewers() {
    }

    static void secure(JenkinsRule r) throws Exception {
        JenkinsRule.DummySecurityRealm realm = r.createDummySecurityRealm();
        realm.addGroups("dave", "lb-reviewers");
        r.jenkins.setSecurityRealm(realm);
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.CREATE, Item.CONFIGURE, Item.CANCEL).everywhere()
                .to("alice")
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("bob", "carol", "erin", "al")
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("dave")
                .grant(Jenkins.READ, Item.READ).everywhere().to("frank"));
        User alice = User.getById("alice", true);
        alice.setFullName("Alice Liddell");
        alice.addProperty(new Mailer.UserProperty("alice@example.com"));
        User.getById("bob", true).setFullName("Bob Reviewer");
        // al is alice's second account: same mail address, another id
        User al = User.getById("al", true);
        al.addProperty(new Mailer.UserProperty("Alice@Example.com"));
    }

    /** A Pipeline that asks for sign-off of a HIGH-risk change written by alice. */
    static String approvalScript(String reviewers, int approvals, int timeoutMinutes) {
        return approvalScript(reviewers, 1, approvals, timeoutMinutes);
    }

    /** The same, with the number of approvals the policy requires for the change. */
    static String approvalScript(String reviewers, int policyApprovals, int approvals, int timeoutMinutes) {
        return "def change = [digest: '" + DIGEST + "', risk: 'HIGH', reviewRequired: true, requiredApprovals: "
                + policyApprovals + ",\n"
                + "    authors: [[name: 'Alice Liddell', email: 'alice@example.com']]]\n"
                + "def result = releaseGateApproval(change: change, reviewers: '" + reviewers + "', approvals: "
                + approvals + ", timeout: " + timeoutMinutes + ")\n"
                + "echo \"sign-off ${result.status} by ${result.approvedBy}\"\n";
    }

    /** Stops a waiting build the way its Stop button does, as the system. */
    static void stop(WorkflowRun run) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            run.doStop();
        }
    }

    /** An answer of the Release Gate page: the HTTP status and the text of the page (a refusal's reason). */
    record Answer(int status, String body) {
    }

    /** POSTs {@code approve} or {@code reject} as {@code user}, with a crumb; returns the HTTP status. */
    static int decide(JenkinsRule r, String user, WorkflowRun run, String verb, String comment) throws Exception {
        return answer(r, user, run, verb, comment).status();
    }

    /** POSTs {@code approve} or {@code reject} as {@code user}, with a crumb; returns the status and the text. */
    static Answer answer(JenkinsRule r, String user, WorkflowRun run, String verb, String comment) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login(user);
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setRedirectEnabled(false);
        WebRequest request = new WebRequest(new URL(r.getURL(), run.getUrl() + "release-gate/" + verb),
                HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("comment", comment)));
        wc.addCrumb(request);
        org.htmlunit.WebResponse response = wc.getPage(request).getWebResponse();
        return new Answer(response.getStatusCode(), response.getContentAsString());
    }
}
