package io.releasegate.verify.probe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A URL that cannot be used is refused naming the option, and never with any part of a password in the message. */
class HttpUrlTest {
    @Test
    void shouldNeverEchoAPasswordThatMakesTheUrlInvalid() {
        // arrange: passwords a user forgot to percent-encode, and a URL without a scheme
        String[][] cases = {
            {"http://ops:pa/ss@127.0.0.1:8080/", "--lb 'http://***@127.0.0.1:8080/': no host; in user information,"
                    + " percent-encode '/', '?', '#', '@' and blanks"},
            {"http://ops:pa?ss@127.0.0.1:8080/", "--lb 'http://***@127.0.0.1:8080/': no host; in user information,"
                    + " percent-encode '/', '?', '#', '@' and blanks"},
            {"http://ops:pa ss@127.0.0.1:8080/", "--lb 'http://***@127.0.0.1:8080/': not a URL (Illegal character in"
                    + " authority at index 7); in user information, percent-encode '/', '?', '#', '@' and blanks"},
            {"ops:s3cret@127.0.0.1:8080", "--lb '***@127.0.0.1:8080': expected an http:// or https:// URL"},
        };
        for (String[] bad : cases) {
            // act / assert
            assertThatThrownBy(() -> HttpUrl.parse("--lb", bad[0])).as(bad[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(bad[1]);
        }
    }

    @Test
    void shouldStillNameTheProblemOfAUrlWithoutUserInformation() {
        // act / assert
        assertThatThrownBy(() -> HttpUrl.parse("--stats", "http://127.0.0.1:http/"))
                .hasMessage("--stats 'http://127.0.0.1:http/': the port 'http' is not a number");
        assertThatThrownBy(() -> HttpUrl.parse("--lb", "http://ops:s3cret@127.0.0.1:0/"))
                .hasMessage("--lb 'http://***@127.0.0.1:0/': the port 0 is out of range (1 to 65535)");
    }
}
