package io.releasegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.diff.Change;
import io.releasegate.log.BufferedLog;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy that judges a change comes from the base revision (or the operator), in real git repositories, and is
 * part of the digest an approval is pinned to.
 */
class PolicyFromBaseTest {
    private static final String POLICY = "review:\n  threshold: LOW\n  reviewers: [bob, carol]\n";

    @TempDir
    Path dir;

    /** The incident's change (web-02 removed) on top of a base with {@code policy}; returns {base, head}. */
    private String[] incident(ScenarioRepo repo, String policy) {
        String base = repo.write(".releasegate.yml", policy).copyFixture("poolfile/incident-before.yml",
                "lb/pools.yml").commit("pool");
        String head = repo.copyFixture("poolfile/incident-after.yml", "lb/pools.yml").commit("remove web-02");
        return new String[] {base, head};
    }

    private ChangeReport assess(Path repo, String[] change, PolicyLocation location) throws Exception {
        return ChangeAssessment.assess(repo, change[0], change[1], location, false, new BufferedLog());
    }

    @Test
    void shouldKeepTheDigestWhenTheJudgingPolicyIsOnlyReformatted() throws Exception {
        // arrange: the same change on two bases whose policies mean the same
        String[] first;
        String[] reformatted;
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        try (ScenarioRepo repo = ScenarioRepo.init(one)) {
            first = incident(repo, POLICY);
        }
        try (ScenarioRepo repo = ScenarioRepo.init(two)) {
            reformatted = incident(repo, "# who reviews\nreview: {reviewers: [carol, bob], threshold: low}\n"
                    + "risk:\n  kinds: {SERVER_REMOVED: HIGH}   # the default, restated\n");
        }

        // act
        ChangeReport report = assess(one, first, PolicyLocation.repository());
        ChangeReport same = assess(two, reformatted, PolicyLocation.repository());

        // assert
        assertThat(same.digest()).isEqualTo(report.digest());
        assertThat(report.policyDigest()).isEqualTo(same.policyDigest()).startsWith("sha256:");
    }

    @Test
    void shouldChangeTheDigestWhenAnotherPolicyJudgesTheSameChange() throws Exception {
        // arrange
        Path repoDir = dir.resolve("repo");
        String[] change;
        try (ScenarioRepo repo = ScenarioRepo.init(repoDir)) {
            change = incident(repo, POLICY);
        }
        Path operator = Files.writeString(dir.resolve("operator.yml"), POLICY + "  maxAge: 1h\n");
        Path operatorSame = Files.writeString(dir.resolve("operator-same.yml"), POLICY);

        // act
        ChangeReport byBase = assess(repoDir, change, PolicyLocation.repository());
        ChangeReport byOperator = assess(repoDir, change, PolicyLocation.of(Optional.of(operator)));
        ChangeReport bySameOperator = assess(repoDir, change, PolicyLocation.of(Optional.of(operatorSame)));

        // assert: an approval of byBase's digest is void under another policy, kept under the same one
        assertThat(byOperator.diff().changes()).isEqualTo(byBase.diff().changes());
        assertThat(byOperator.digest()).isNotEqualTo(byBase.digest());
        assertThat(bySameOperator.digest()).isEqualTo(byBase.digest());
        assertThat(byBase.diff().digest()).isEqualTo(byOperator.diff().digest());
    }

    @Test
    void shouldRefuseAnInvalidBasePolicyUnlessTheOperatorGivesOne() throws Exception {
        // arrange: the base's policy is broken; the change repairs it
        Path repoDir = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo repo = ScenarioRepo.init(repoDir)) {
            base = repo.write(".releasegate.yml", "review:\n  threshold: SEVERE\n")
                    .copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            head = repo.write(".releasegate.yml", POLICY).commit("repair the policy");
        }
        Path operator = Files.writeString(dir.resolve("operator.yml"), POLICY);

        // act / assert
        assertThatThrownBy(() -> ChangeAssessment.assess(repoDir, base, head, Optional.empty(), false,
                new BufferedLog()))
                .isInstanceOf(PolicyException.class)
                .hasMessage("invalid policy at the base revision " + base.substring(0, 10) + ", which judges this"
                        + " change (fix it in a change reviewed with an operator's policy, --config FILE):"
                        + " .releasegate.yml:2:14: 'review.threshold': unknown risk 'SEVERE' (NONE, LOW, MEDIUM,"
                        + " HIGH, CRITICAL)");
        ChangeReport repaired = ChangeAssessment.assess(repoDir, base, head, Optional.of(operator), false,
                new BufferedLog());
        assertThat(repaired.reviewRequired()).isTrue();
        assertThat(repaired.risk()).isEqualTo(Risk.CRITICAL);
        assertThat(repaired.diff().changes()).singleElement().extracting(Change::message)
                .isEqualTo(".releasegate.yml is changed; its base version cannot be parsed (line 2), so the edit"
                        + " is not itemised.");
    }

    @Test
    void shouldReadAWorkspacePathInsideTheRepositoryAtBaseAndOneOutsideFromDisk() throws Exception {
        // arrange: ops/policy.yml at base needs 2 approvals for CRITICAL; the work tree holds a copy that needs none
        Path repoDir = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo repo = ScenarioRepo.init(repoDir)) {
            base = repo.write("ops/policy.yml", POLICY).copyFixture("poolfile/incident-before.yml", "lb/pools.yml")
                    .commit("pool");
            head = repo.copyFixture("poolfile/incident-after.yml", "lb/pools.yml").commit("remove web-02");
            repo.write("ops/policy.yml", "review:\n  threshold: NONE\n");
        }
        Path outside = Files.writeString(dir.resolve("operator.yml"), "review:\n  approvals: {CRITICAL: 4}\n");

        // act
        ChangeReport inside = ChangeAssessment.assess(repoDir, base, head,
                PolicyLocation.workspace(repoDir.resolve("lb/../ops/policy.yml")), false, new BufferedLog());
        ChangeReport fromDisk = ChangeAssessment.assess(repoDir, base, head, PolicyLocation.workspace(outside),
                false, new BufferedLog());

        // assert
        assertThat(inside.policySource()).isEqualTo(base.substring(0, 10) + ":ops/policy.yml");
        assertThat(inside.requiredApprovals()).isEqualTo(2);
        assertThat(fromDisk.policySource()).isEqualTo(outside.toString());
        assertThat(fromDisk.requiredApprovals()).isEqualTo(4);
    }

    @Test
    void shouldReadAnOperatorsPathToAFileGitTracksAtBaseNotFromTheCheckout() throws Exception {
        // arrange: the change turns review off in .releasegate.yml; CI passes --config with the checkout's file, once
        // through a link to the work tree; an untracked file in the work tree is still the operator's own
        Path repoDir = dir.resolve("repo");
        String[] change;
        try (ScenarioRepo repo = ScenarioRepo.init(repoDir)) {
            String base = repo.write(".releasegate.yml", POLICY).copyFixture("poolfile/incident-before.yml",
                    "lb/pools.yml").commit("pool");
            String head = repo.write(".releasegate.yml", "review:\n  threshold: NONE\n")
                    .copyFixture("poolfile/incident-after.yml", "lb/pools.yml").commit("remove web-02, no review");
            change = new String[] {base, head};
        }
        Path link = Files.createSymbolicLink(dir.resolve("checkout"), repoDir);
        Path untracked = Files.writeString(repoDir.resolve("operator.yml"), "review:\n  approvals: {CRITICAL: 4}\n");
        BufferedLog log = new BufferedLog();

        // act
        ChangeReport checkout = ChangeAssessment.assess(repoDir, change[0], change[1],
                PolicyLocation.of(Optional.of(repoDir.resolve(".releasegate.yml"))), false, log);
        ChangeReport throughLink = assess(repoDir, change, PolicyLocation.of(Optional.of(
                link.resolve(".releasegate.yml"))));
        ChangeReport operators = assess(repoDir, change, PolicyLocation.of(Optional.of(untracked)));

        // assert
        assertThat(checkout.policySource()).isEqualTo(change[0].substring(0, 10) + ":.releasegate.yml");
        assertThat(checkout.reviewRequired()).isTrue();
        assertThat(checkout.diff().changes()).extracting(Change::message).contains("review.threshold: LOW → NONE");
        assertThat(log.entries()).anySatisfy(entry -> assertThat(entry.message()).isEqualTo("the policy file "
                + repoDir.resolve(".releasegate.yml") + " is .releasegate.yml of the repository, whose work tree"
                + " holds the change under review: it is read at the base revision"));
        assertThat(throughLink.policySource()).isEqualTo(checkout.policySource());
        assertThat(throughLink.digest()).isEqualTo(checkout.digest());
        assertThat(operators.policySource()).isEqualTo(untracked.toString());
        assertThat(operators.requiredApprovals()).isEqualTo(4);
    }
}
