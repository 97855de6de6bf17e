package io.releasegate.signoff.sshsig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternListTest {
    @Test
    void shouldMatchWildcardsLikeOpenSsh() {
        // act / assert
        assertThat(PatternList.matches("bob@example.com", "bob@example.com")).isTrue();
        assertThat(PatternList.matches("bob@example.com", "*@example.com")).isTrue();
        assertThat(PatternList.matches("bob@example.com", "b?b@*")).isTrue();
        assertThat(PatternList.matches("bob@example.com.evil", "*@example.com")).isFalse();
        assertThat(PatternList.matches("Bob@example.com", "bob@example.com")).as("case-sensitive").isFalse();
        assertThat(PatternList.matches("", "*")).isTrue();
        assertThat(PatternList.matches("aaab", "*a*b")).isTrue();
    }

    @Test
    void shouldLetANegatedPatternWinOverEveryPositiveOne() {
        // act / assert
        assertThat(PatternList.matches("mallory@example.com", "*@example.com,!mallory@example.com")).isFalse();
        assertThat(PatternList.matches("bob@example.com", "*@example.com,!mallory@example.com")).isTrue();
        assertThat(PatternList.matches("bob@example.com", "!mallory@example.com")).as("no positive match").isFalse();
        assertThat(PatternList.matches("carol@example.com", "alice@example.com,carol@example.com")).isTrue();
    }
}
