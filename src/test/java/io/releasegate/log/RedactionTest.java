package io.releasegate.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void shouldRedactTheUserInformationOfEveryUrlInAText() {
        // act
        String text = Redaction.text("probing http://ops:s3cret@10.0.0.1:8080/health and https://token@lb.example/"
                + " then HTTP://a%40b:p%3Aw@host?x=1");

        // assert
        assertThat(text).isEqualTo("probing http://***@10.0.0.1:8080/health and https://***@lb.example/"
                + " then HTTP://***@host?x=1");
    }

    @Test
    void shouldRedactAPasswordThatHoldsAnUnencodedAtSign() {
        // act
        String text = Redaction.text("'http://ops:p@ss@word@10.0.0.1/'");

        // assert
        assertThat(text).isEqualTo("'http://***@10.0.0.1/'");
    }

    @Test
    void shouldLeaveTextWithoutUserInformationAlone() {
        // arrange
        String text = "mail bob@example.org about http://10.0.0.1:8080/path?user=a@b#frag and ssh://host/x";

        // act / assert
        assertThat(Redaction.text(text)).isEqualTo(text);
        assertThat(Redaction.text(null)).isNull();
        assertThat(Redaction.hasUserInfo(text)).isFalse();
        assertThat(Redaction.hasUserInfo("http://u:p@h/")).isTrue();
    }

    @Test
    void shouldBeIdempotent() {
        // act
        String once = Redaction.text("http://u:p@h/");

        // assert
        assertThat(Redaction.text(once)).isEqualTo(once).isEqualTo("http://***@h/");
    }

    @Test
    void shouldMaskEverythingBeforeTheLastAtSignOfATextGivenAsOneUrl() {
        // act / assert: valid or not, with or without a scheme
        assertThat(Redaction.url("http://u:pa/ss@10.0.0.1/x")).isEqualTo("http://***@10.0.0.1/x");
        assertThat(Redaction.url("u:s3cret@10.0.0.1:80")).isEqualTo("***@10.0.0.1:80");
        assertThat(Redaction.url("https://10.0.0.1/health")).isEqualTo("https://10.0.0.1/health");
        assertThat(Redaction.url(null)).isNull();
        assertThat(Redaction.isUrl("http://u:pa/ss@10.0.0.1/")).isTrue();
        assertThat(Redaction.isUrl("see http://h/")).isFalse();
    }
}
