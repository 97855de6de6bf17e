package io.releasegate.signoff;

import io.releasegate.diff.Author;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The sign-off as the Jenkins plugin runs it (identities from the login, no signatures), for
 * {@link SignOffWithoutSshLibrariesTest}: it is loaded in a class loader that has no SSH libraries.
 */
public final class JenkinsStyleSignOff implements Callable<String> {
    @Override
    public String call() {
        String digest = "sha256:cd34cd34cd34cd34cd34cd34cd34cd34";
        ChangeUnderReview change = new ChangeUnderReview(digest, List.of(new Author("Alice", "alice@example.com")),
                "carol");
        SignOffPolicy policy = SignOffPolicy.of("bob, group:lb-reviewers", 1, null);
        Identity bob = new Identity("bob", "Bob Builder", "bob@example.com", Set.of("lb-reviewers"));
        Approval approval = Approval.by(bob, Decision.APPROVE, "ok", Instant.now(), digest);
        String eligibility = SignOff.canApprove(bob, change, policy).reason();
        AuditEntry entry = AuditEntry.of(approval);
        SignOffDecision decision = SignOff.evaluate(change, policy, List.of(approval), Instant.now());
        return eligibility + " | " + entry.kind() + " | " + decision.summary() + " | " + decision.trust().summary();
    }

    /** The CLI's path, which needs the SSH libraries: the control that shows the class loader really lacks them. */
    public static final class Signed implements Callable<String> {
        @Override
        public String call() throws Exception {
            return ApprovalSigner.ephemeral().describeKey();
        }
    }
}
