package io.releasegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.diff.Change;
import io.releasegate.diff.ChangeKind;
import io.releasegate.diff.DiffResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The edits of the policy file as semantic changes: one per changed key, in words, safe to show. */
class PolicyChangesTest {
    private static final String BASE = """
            # the reviewed policy
            review:
              threshold: LOW
              reviewers: [bob, carol]
            verify:
              lb: http://127.0.0.1:8080/
              pool: web
            escalation:
              contacts:
                oncall-pd: {type: pagerduty, routingKey: env:RELEASE_GATE_PD_KEY}
            """;

    private static PolicyChanges.Result changes(String base, String head) {
        return PolicyChanges.between(PolicyFile.of(".releasegate.yml", "b".repeat(40), Optional.ofNullable(base)),
                PolicyFile.of(".releasegate.yml", "h".repeat(40), Optional.ofNullable(head)));
    }

    private static List<String> messages(PolicyChanges.Result result) {
        return result.changes().stream().map(Change::message).toList();
    }

    @Test
    void shouldReportOneChangePerChangedKeyInWords() {
        // arrange
        String head = """
                review:
                  threshold: NONE
                  reviewers: [mallory]
                  approvals: {CRITICAL: 1}
                  maxAge: 24h
                files:
                  - {glob: "lb/*.cfg", format: haproxy}
                risk:
                  capacityReducedHighPercent: 90
                verify:
                  lb: http://127.0.0.1:8080/
                  pool: web
                  maxErrorRate: 0.5
                escalation:
                  contacts:
                    oncall-pd: {type: pagerduty, routingKey: env:RELEASE_GATE_PD_KEY}
                """;

        // act
        PolicyChanges.Result result = changes(BASE, head);

        // assert
        assertThat(messages(result)).containsExactly(
                "review.threshold: LOW → NONE",
                "review.reviewers: bob, carol → mallory",
                "review.approvals.CRITICAL: 2 → 1",
                "review.maxAge: never → 1d",
                "files: (none: files are recognised by content) → lb/*.cfg (haproxy)",
                "risk.capacityReducedHighPercent: 50 → 90",
                "verify.maxErrorRate: not set → 0.5");
        assertThat(result.changes()).allSatisfy(change -> {
            assertThat(change.kind()).isEqualTo(ChangeKind.POLICY_CHANGED);
            assertThat(change.file()).isEqualTo(".releasegate.yml");
        });
        assertThat(result.changes().get(0)).extracting(Change::server, Change::before, Change::after, Change::line)
                .containsExactly("review.threshold", "LOW", "NONE", 2);
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void shouldSeeNoChangeInFormattingCommentsOrderOrRestatedDefaults() {
        // arrange: the same meaning, written differently
        String head = """
                escalation:   # paging
                  contacts:
                    oncall-pd:
                      routingKey: "env:RELEASE_GATE_PD_KEY"
                      type: pagerduty
                verify: {pool: web, lb: "http://127.0.0.1:8080/"}
                review:
                  reviewers:
                    - carol
                    - bob
                  threshold: low
                  approvals: {HIGH: 2}
                risk:
                  kinds: {SERVER_REMOVED: HIGH}
                """;

        // act
        PolicyChanges.Result result = changes(BASE, head);

        // assert
        assertThat(result.changes()).isEmpty();
        assertThat(PolicyTerms.canonical(PolicyFile.of("p", "h", Optional.of(head)).policy().orElseThrow()))
                .isEqualTo(PolicyTerms.canonical(PolicyFile.of("p", "b", Optional.of(BASE)).policy().orElseThrow()));
    }

    @Test
    void shouldSayWhatAnEscalationEditDoesWithoutPrintingSecretsOrCredentials() {
        // arrange: the contact points elsewhere with another secret; a new contact carries a literal key and a URL
        // with a password
        String head = BASE.replace("oncall-pd: {type: pagerduty, routingKey: env:RELEASE_GATE_PD_KEY}",
                "oncall-pd: {type: pagerduty, routingKey: env:SOME_SECRET, baseUrl: \"http://evil.example:9/\"}\n"
                        + "    sneaky: {type: pagerduty, routingKey: R0UTINGKEYLITERAL01234567890abcd, baseUrl: "
                        + "\"https://ops:hunter2@pd.example/\"}")
                .replace("lb: http://127.0.0.1:8080/", "lb: http://admin:s3cret@127.0.0.1:8080/");

        // act
        PolicyChanges.Result result = changes(BASE, head);

        // assert
        assertThat(messages(result)).containsExactly(
                "verify.lb: http://127.0.0.1:8080/ → http://***@127.0.0.1:8080/",
                "escalation contact oncall-pd: routingKey changed (env:RELEASE_GATE_PD_KEY → env:SOME_SECRET)",
                "escalation contact oncall-pd: baseUrl changed (not set → http://evil.example:9/)",
                "escalation contact sneaky added (type pagerduty, routingKey (a literal value, not shown), baseUrl"
                        + " https://***@pd.example/)");
        assertThat(result.changes().toString()).doesNotContain("R0UTINGKEYLITERAL").doesNotContain("hunter2")
                .doesNotContain("s3cret");
        assertThat(messages(changes(head, BASE))).contains("escalation contact sneaky removed (was type pagerduty,"
                + " routingKey (a literal value, not shown), baseUrl https://***@pd.example/)");
    }

    @Test
    void shouldReportAChangeOfHiddenCredentialsWithoutShowingThemEvenInAnInvalidUrl() {
        // arrange: only the password of the load balancer's URL changes; a contact's URL holds an unencoded '/'
        String base = BASE.replace("lb: http://127.0.0.1:8080/", "lb: http://admin:s3cret@127.0.0.1:8080/");
        String head = BASE.replace("lb: http://127.0.0.1:8080/", "lb: http://admin:hunter2@127.0.0.1:8080/")
                .replace("routingKey: env:RELEASE_GATE_PD_KEY}", "routingKey: env:RELEASE_GATE_PD_KEY, baseUrl:"
                        + " \"http://ops:pa/ss@203.0.113.7/\"}");

        // act
        PolicyChanges.Result result = changes(base, head);

        // assert
        assertThat(messages(result)).containsExactly(
                "verify.lb: http://***@127.0.0.1:8080/ → http://***@127.0.0.1:8080/ (its user information or secret"
                        + " changed, not shown)",
                "escalation contact oncall-pd: baseUrl changed (not set → http://***@203.0.113.7/)");
        assertThat(result.changes().toString()).doesNotContain("s3cret").doesNotContain("hunter2")
                .doesNotContain("pa/ss").doesNotContain("ops:pa");
    }

    @Test
    void shouldReportAPolicyAddedOrRemovedAndWhatItChangesAgainstTheDefaults() {
        // act
        PolicyChanges.Result added = changes(null, "review:\n  threshold: NONE\n");
        PolicyChanges.Result removed = changes("review:\n  threshold: NONE\n", null);
        PolicyChanges.Result addedComments = changes(null, "# nothing yet\n");

        // assert
        assertThat(messages(added)).containsExactly(".releasegate.yml is added: once this change is the base, it"
                + " judges later changes instead of the built-in defaults.", "review.threshold: LOW → NONE");
        assertThat(messages(removed)).containsExactly(".releasegate.yml is removed: once this change is the base,"
                + " the built-in defaults judge later changes.", "review.threshold: NONE → LOW");
        assertThat(addedComments.changes()).singleElement().extracting(Change::after).isEqualTo("added");
        assertThat(changes(null, null).changes()).isEmpty();
    }

    @Test
    void shouldReportAnUnparseableHeadPolicyAsAChangeAndAnErrorNamingTheLine() {
        // act
        PolicyChanges.Result result = changes(BASE, "review:\n  threshold: SEVERE\n");

        // assert
        assertThat(result.changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(ChangeKind.POLICY_CHANGED);
            assertThat(change.line()).isEqualTo(2);
            assertThat(change.message()).startsWith(".releasegate.yml cannot be parsed at the head revision (line 2):"
                    + " 'review.threshold': unknown risk 'SEVERE'").contains("The base revision's policy judges");
        });
        assertThat(result.errors()).singleElement().extracting(DiffResult.ParseError::file,
                DiffResult.ParseError::line, DiffResult.ParseError::revision)
                .containsExactly(".releasegate.yml", 2, "head");
    }

    @Test
    void shouldPinAnEditThatCannotBeItemisedToTheTextOfTheNewPolicy() {
        // arrange: two invalid head policies with the same error; two edits of a base that cannot be parsed
        String invalid = "review:\n  threshold: SEVERE\n";
        String invalidAndNoReviewers = "review:\n  threshold: SEVERE\n  reviewers: [mallory]\n";

        // act
        Change first = changes(BASE, invalid).changes().get(0);
        Change second = changes(BASE, invalidAndNoReviewers).changes().get(0);
        Change repair = changes(invalid, BASE).changes().get(0);
        Change otherRepair = changes(invalid, BASE.replace("[bob, carol]", "[mallory]")).changes().get(0);

        // assert: what an approval is pinned to (kind, file, key, before, after) differs with the text
        assertThat(first.after()).startsWith("unparseable, content sha256:");
        assertThat(second.after()).isNotEqualTo(first.after());
        assertThat(repair.after()).startsWith("changed, content sha256:");
        assertThat(otherRepair.after()).isNotEqualTo(repair.after());
    }

    @Test
    void shouldMakeAPolicyEditCriticalByDefault() {
        // act
        Risk risk = Policy.defaults().riskOf(ChangeKind.POLICY_CHANGED);

        // assert
        assertThat(risk).isEqualTo(Risk.CRITICAL);
    }
}
