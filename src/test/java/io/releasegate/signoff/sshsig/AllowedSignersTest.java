package io.releasegate.signoff.sshsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.ConfigParseException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedSignersTest {
    private static final KeyPair BOB = TestKeys.generate("ssh-ed25519");
    private static final KeyPair CAROL = TestKeys.generate("ecdsa-sha2-nistp256");
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void shouldReadPrincipalsOptionsKeysAndCommentsLineByLine() throws Exception {
        // arrange
        String text = "# reviewers of the load balancer\n\n"
                + "bob@example.com,group:lb-reviewers " + TestKeys.publicLine(BOB) + " bob's laptop\n"
                + "  \"carol@example.com\" namespaces=\"release-gate,file\",valid-after=\"20260101Z\","
                + "VALID-BEFORE=\"202701010000Z\" " + TestKeys.publicLine(CAROL) + "\n";

        // act
        AllowedSigners signers = AllowedSigners.parse("allowed_signers", text);

        // assert
        assertThat(signers.entries()).hasSize(2);
        AllowedSigners.Entry bob = signers.entries().get(0);
        assertThat(bob.line()).isEqualTo(3);
        assertThat(bob.principals()).isEqualTo("bob@example.com,group:lb-reviewers");
        assertThat(bob.literalPrincipals()).containsExactly("bob@example.com", "group:lb-reviewers");
        assertThat(bob.namespaces()).isNull();
        AllowedSigners.Entry carol = signers.entries().get(1);
        assertThat(carol.principals()).isEqualTo("carol@example.com");
        assertThat(carol.namespaces()).isEqualTo("release-gate,file");
        assertThat(carol.validAfter()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(carol.validBefore()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(carol.key()).isEqualTo(SshPublicKey.of(CAROL.getPublic()));
    }

    @Test
    void shouldAuthorizeAKeyOnlyForItsPrincipals() throws Exception {
        // arrange
        AllowedSigners signers = AllowedSigners.parse("allowed_signers", "*@example.com,!mallory@example.com "
                + TestKeys.publicLine(BOB) + "\n");
        SshPublicKey bob = SshPublicKey.of(BOB.getPublic());
        SshPublicKey carol = SshPublicKey.of(CAROL.getPublic());

        // act / assert
        assertThat(signers.authorize(bob, "bob@example.com", "release-gate", List.of(NOW)).line()).isEqualTo(1);
        assertThatThrownBy(() -> signers.authorize(bob, "mallory@example.com", "release-gate", List.of(NOW)))
                .hasMessage("allowed_signers allows the " + bob.describe()
                        + " for *@example.com,!mallory@example.com, not for mallory@example.com");
        assertThatThrownBy(() -> signers.authorize(carol, "bob@example.com", "release-gate", List.of(NOW)))
                .hasMessage("the " + carol.describe() + " is not in allowed_signers");
    }

    @Test
    void shouldHonourNamespacesAndTheValidityWindowAtEveryTime() throws Exception {
        // arrange
        AllowedSigners signers = AllowedSigners.parse("signers", "bob@example.com namespaces=\"git\" "
                + TestKeys.publicLine(BOB) + "\ncarol@example.com valid-after=\"20261201Z\",valid-before=\"20261202Z\" "
                + TestKeys.publicLine(CAROL) + "\n");
        SshPublicKey bob = SshPublicKey.of(BOB.getPublic());
        SshPublicKey carol = SshPublicKey.of(CAROL.getPublic());
        Instant inside = Instant.parse("2026-12-01T12:00:00Z");

        // act / assert
        assertThatThrownBy(() -> signers.authorize(bob, "bob@example.com", "release-gate", List.of(NOW)))
                .hasMessage("signers:1 does not allow the " + bob.describe() + " to sign in the namespace"
                        + " 'release-gate' (namespaces=\"git\")");
        assertThat(signers.authorize(carol, "carol@example.com", "release-gate", List.of(inside)).line())
                .isEqualTo(2);
        assertThatThrownBy(() -> signers.authorize(carol, "carol@example.com", "release-gate", List.of(inside, NOW)))
                .hasMessage("signers:2: the " + carol.describe() + " expired at 2026-12-02T00:00:00Z (valid-before),"
                        + " before 2026-12-03T12:00:00Z");
        assertThatThrownBy(() -> signers.authorize(carol, "carol@example.com", "release-gate",
                List.of(Instant.parse("2026-11-30T00:00:00Z"))))
                .hasMessageContaining("is valid only after 2026-12-01T00:00:00Z");
    }

    @Test
    void shouldNameTheFileAndLineOfEveryMistake() {
        // arrange
        String key = TestKeys.publicLine(BOB);

        // act / assert
        assertError("bob@example.com cert-authority " + key, 1, "cert-authority is not supported: list each"
                + " reviewer's own key");
        assertError("# ok\nbob@example.com", 2, "missing key (expected: principals [options] keytype base64)");
        assertError("bob@example.com ssh-ed25519 !!!", 1, "the ssh-ed25519 key is not valid base64");
        assertError("bob@example.com ssh-rsa " + key.substring(key.indexOf(' ') + 1), 1,
                "the key is written as ssh-rsa but its data is a ssh-ed25519 key");
        assertError("bob@example.com nosuch=\"x\" " + key, 1, "unknown option 'nosuch' (known: namespaces,"
                + " valid-after, valid-before)");
        assertError("bob@example.com namespaces=git " + key, 1, "the value of namespaces must be in double quotes");
        assertError("bob@example.com valid-after=\"tomorrow\" " + key, 1, "invalid \"valid-after\" time 'tomorrow'"
                + " (YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z])");
        assertError("bob@example.com valid-after=\"20270101Z\",valid-before=\"20260101Z\" " + key, 1,
                "\"valid-before\" time is before \"valid-after\"");
        assertError("bob@example.com sk-ssh-ed25519@openssh.com AAAA", 1, "unsupported key type");
    }

    private static void assertError(String text, int line, String reason) {
        assertThatThrownBy(() -> AllowedSigners.parse("allowed_signers", text))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.file()).isEqualTo("allowed_signers");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).startsWith(reason);
                });
    }
}
