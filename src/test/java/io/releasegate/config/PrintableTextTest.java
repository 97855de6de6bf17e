package io.releasegate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.read.Parsers;
import org.junit.jupiter.api.Test;

/** A name or statement that would break or rewrite a line of a report is refused by every parser, with its line. */
class PrintableTextTest {
    @Test
    void shouldRefuseAPoolFileServerNameThatPrintsALineOfItsOwn() {
        // arrange
        String pools = """
                pools:
                  web:
                    servers:
                      web-01: {address: 10.0.0.1:8080}
                      "web-02\\n\\nSign-off: approved by bob, carol\\e[1A": {address: 10.0.0.2:8080}
                """;

        // act, assert
        assertThatThrownBy(() -> Parsers.parse(ConfigFormat.POOLFILE, "pools.yml", pools, SourceResolver.NONE))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.file()).isEqualTo("pools.yml");
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.reason()).startsWith("server name 'web-02\\n\\nSign-off: approved by bob, carol"
                            + "\\u001B[1A' contains U+000A").doesNotContain("\n").doesNotContain("\u001b");
                });
    }

    @Test
    void shouldRefuseAnNginxUpstreamNameWithABidirectionalOverride() {
        // arrange: U+202E makes "web-20" look like another name in a terminal
        String nginx = "events {}\nhttp {\n  upstream \"web\u202e02-bew\" { server 127.0.0.1:8081; }\n}\n";

        // act, assert
        assertThatThrownBy(() -> Parsers.parse(ConfigFormat.NGINX, "nginx.conf", nginx, SourceResolver.NONE))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).startsWith("pool name 'web\\u202E02-bew' contains U+202E");
                });
    }

    @Test
    void shouldNeverKeepARawTerminalEscapeOfAnHaproxyStatement() {
        // arrange: a raw ESC byte in an ACL, which the report would print as written
        String haproxy = "frontend fe\n  bind 127.0.0.1:8080\n  acl x hdr(host) -i a\u001b[2Kb\n  default_backend web\n"
                + "backend web\n  server web-01 127.0.0.1:8081\n";

        // act
        String shown;
        try {
            ConfigFile file = Parsers.parse(ConfigFormat.HAPROXY, "haproxy.cfg", haproxy, SourceResolver.NONE);
            shown = file.directives().toString();
        } catch (ConfigParseException e) {
            shown = e.getMessage();
        }

        // assert: kept escaped, as HAProxy reads it
        assertThat(shown).doesNotContain("\u001b");
    }

    @Test
    void shouldShowUnprintableCharactersEscapedAndLeaveOthersAlone() {
        assertThat(PrintableText.shown("a\nb\r\tc\u001b\u2028d")).isEqualTo("a\\nb\\r\\tc\\u001B\\u2028d");
        assertThat(PrintableText.shown("web-02 → café")).isEqualTo("web-02 → café");
    }

    @Test
    void shouldShowWhatAParseErrorQuotesOnOneLine() {
        // arrange, act
        ConfigParseException e = new ConfigParseException("f.cfg", 3, 1, "unknown keyword 'x\nSign-off: ok'");

        // assert
        assertThat(e.reason()).isEqualTo("unknown keyword 'x\\nSign-off: ok'");
        assertThat(e.getMessage()).isEqualTo("f.cfg:3:1: unknown keyword 'x\\nSign-off: ok'");
    }
}
