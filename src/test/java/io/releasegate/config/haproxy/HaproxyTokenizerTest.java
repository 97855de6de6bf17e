package io.releasegate.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.releasegate.config.ConfigParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaproxyTokenizerTest {
    private final HaproxyTokenizer tokenizer = new HaproxyTokenizer("t.cfg");

    private List<String> words(String raw) throws ConfigParseException {
        return tokenizer.tokenizeLine(raw, 1).tokens().stream().map(HaproxyToken::text).toList();
    }

    private ConfigParseException failure(String raw) {
        return catchThrowableOfType(ConfigParseException.class, () -> tokenizer.tokenizeLine(raw, 7));
    }

    @Test
    void shouldSplitOnBlanksAndRecordColumns() throws ConfigParseException {
        // arrange / act
        HaproxyLine line = tokenizer.tokenizeLine("    server  web-01\t127.0.0.1:8081 check", 3);

        // assert
        assertThat(line.tokens()).containsExactly(new HaproxyToken("server", 5), new HaproxyToken("web-01", 13),
                new HaproxyToken("127.0.0.1:8081", 20), new HaproxyToken("check", 35));
        assertThat(line.number()).isEqualTo(3);
    }

    @Test
    void shouldStartCommentsAnywhereOutsideQuotes() throws ConfigParseException {
        assertThat(words("server s1 1.2.3.4:80 check#glued comment")).containsExactly("server", "s1",
                "1.2.3.4:80", "check");
        assertThat(words("   # only a comment")).isEmpty();
        assertThat(words("set \"a # b\" 'c # d'")).containsExactly("set", "a # b", "c # d");
    }

    @Test
    void shouldTreatDoubleQuotesAsWeakAndSingleQuotesAsStrong() throws ConfigParseException {
        assertThat(words("x \"a \\\"b\\\" \\\\ c\"")).containsExactly("x", "a \"b\" \\ c");
        assertThat(words("x 'a \\\" \\n b'")).containsExactly("x", "a \\\" \\n b");
        assertThat(words("x \"part\"'two'three")).containsExactly("x", "parttwothree");
        assertThat(words("x \"\" y")).containsExactly("x", "", "y");
    }

    @Test
    void shouldResolveBackslashEscapesOutsideQuotes() throws ConfigParseException {
        assertThat(words("x a\\ b \\#c \\\\ \\\" \\' \\x41\\x7a \\q")).containsExactly("x", "a b", "#c", "\\", "\"",
                "'", "Az", "\\q");
        assertThat(words("x \\t\\n")).containsExactly("x", "\t\n");
    }

    @Test
    void shouldKeepEnvironmentVariablesLiteral() throws ConfigParseException {
        assertThat(words("server s \"${HOST}:${PORT}\" \"$PLAIN\" \"${X-default}\" \"\\$ESC\""))
                .containsExactly("server", "s", "${HOST}:${PORT}", "$PLAIN", "${X-default}", "$ESC");
        assertThat(words("x ${OUTSIDE} '${STRONG}'")).containsExactly("x", "${OUTSIDE}", "${STRONG}");
    }

    @Test
    void shouldEndTheLineAtACarriageReturn() throws ConfigParseException {
        assertThat(words("a b\r c")).containsExactly("a", "b");
    }

    @Test
    void shouldSkipALineWhoseFirstWordIsEmpty() throws ConfigParseException {
        assertThat(words("\"\" server x")).isEmpty();
    }

    @Test
    void shouldReadAScopeLine() throws ConfigParseException {
        assertThat(tokenizer.tokenizeLine("  [my-scope] # c", 1).scope()).isEqualTo("my-scope");
    }

    @Test
    void shouldReportAnUnterminatedDoubleQuoteWithLineAndColumn() {
        ConfigParseException error = failure("  set \"abc");

        assertThat(error.line()).isEqualTo(7);
        assertThat(error.column()).isEqualTo(7);
        assertThat(error.reason()).contains("unterminated double quote");
        assertThat(error.file()).isEqualTo("t.cfg");
    }

    @Test
    void shouldReportAnUnterminatedSingleQuote() {
        assertThat(failure("a 'b # c").column()).isEqualTo(3);
    }

    @Test
    void shouldRejectABadHexSequence() {
        ConfigParseException error = failure("x \\x4g");

        assertThat(error.column()).isEqualTo(3);
        assertThat(error.reason()).contains("hexadecimal");
    }

    @Test
    void shouldRejectBadVariableReferences() {
        assertThat(failure("x \"${1A}\"").reason()).contains("forbidden first character");
        assertThat(failure("x \"${A\"").reason()).contains("unmatched brace");
        assertThat(failure("x \"$.FOO\"").reason()).contains("unsupported internal variable");
        assertThat(failure("x \"${A[x]}\"").reason()).contains("word expansion");
    }

    @Test
    void shouldRejectTooManyWords() {
        String line = "w ".repeat(HaproxyTokenizer.MAX_WORDS + 1);

        assertThat(failure(line).reason()).contains("too many words");
    }

    @Test
    void shouldRejectBadScopes() {
        assertThat(failure("[]").reason()).contains("empty scope");
        assertThat(failure("[a/b]").reason()).contains("not permitted in a scope name");
        assertThat(failure("[a] x").reason()).contains("after a scope");
    }

    @Test
    void shouldRejectAFileWithoutFinalLineFeed() {
        ConfigParseException error = catchThrowableOfType(ConfigParseException.class,
                () -> tokenizer.tokenize("global\n    maxconn 1"));

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(14);
        assertThat(error.reason()).contains("missing line feed");
    }

    @Test
    void shouldRejectANulCharacter() {
        ConfigParseException error = catchThrowableOfType(ConfigParseException.class,
                () -> tokenizer.tokenize("global\nma\0x\n"));

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(3);
    }

    @Test
    void shouldLeaveOutBlankAndCommentLines() throws ConfigParseException {
        // act
        List<HaproxyLine> lines = tokenizer.tokenize("global\n\n  # c\n  maxconn 1\r\n");

        // assert
        assertThat(lines).extracting(HaproxyLine::number).containsExactly(1, 4);
        assertThat(lines.get(1).tokens()).extracting(HaproxyToken::text).containsExactly("maxconn", "1");
    }
}
