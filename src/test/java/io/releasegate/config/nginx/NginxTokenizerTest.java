package io.releasegate.config.nginx;

import io.releasegate.config.ConfigParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NginxTokenizerTest {

    private static List<String> texts(String source) throws ConfigParseException {
        List<String> result = new ArrayList<>();
        for (NginxToken token : tokens(source)) {
            result.add(token.type() == NginxToken.Type.WORD ? "<" + token.text() + ">" : token.text());
        }
        return result;
    }

    private static List<NginxToken> tokens(String source) throws ConfigParseException {
        NginxTokenizer tokenizer = new NginxTokenizer("t.conf", source);
        List<NginxToken> result = new ArrayList<>();
        for (NginxToken token = tokenizer.next(); token.type() != NginxToken.Type.END; token = tokenizer.next()) {
            result.add(token);
        }
        return result;
    }

    @Test
    void shouldSplitWordsAtWhitespaceSemicolonAndBraces() throws Exception {
        // arrange
        String source = "http {\n\tserver_name  a.example\tb.example;}\r\n";

        // act
        List<String> texts = texts(source);

        // assert
        assertThat(texts).containsExactly("<http>", "{", "<server_name>", "<a.example>", "<b.example>", ";", "}");
    }

    @Test
    void shouldKeepAClosingBraceInsideAWordAsNginxDoes() throws Exception {
        // act
        List<String> texts = texts("upstream a}b {");

        // assert
        assertThat(texts).containsExactly("<upstream>", "<a}b>", "{");
    }

    @Test
    void shouldStartACommentOnlyAtTheStartOfAToken() throws Exception {
        // act
        List<String> texts = texts("a b#c # comment ; {\nd;# after semicolon\n");

        // assert
        assertThat(texts).containsExactly("<a>", "<b#c>", "<d>", ";");
    }

    @Test
    void shouldUnquoteDoubleAndSingleQuotedWordsWithEscapes() throws Exception {
        // act
        List<NginxToken> tokens = tokens("\"say \\\"hi\\\"\" 'it\\'s' \"a\\tb\\nc\\\\d\\q\" ;");

        // assert
        assertThat(tokens).extracting(NginxToken::text)
                .containsExactly("say \"hi\"", "it's", "a\tb\nc\\d\\q", ";");
        assertThat(tokens.get(0).quoted()).isTrue();
    }

    @Test
    void shouldKeepQuotesInsideAWordLiterally() throws Exception {
        // act
        List<String> texts = texts("a\"b'c ;");

        // assert
        assertThat(texts).containsExactly("<a\"b'c>", ";");
    }

    @Test
    void shouldKeepVariablesLiterallyAndNotOpenABlockAtDollarBrace() throws Exception {
        // act
        List<String> texts = texts("set $x ${host}_$uri;");

        // assert
        assertThat(texts).containsExactly("<set>", "<$x>", "<${host}_$uri>", ";");
    }

    @Test
    void shouldProtectSpecialCharactersWithABackslash() throws Exception {
        // act
        List<String> texts = texts("a\\;b c\\ d;");

        // assert
        assertThat(texts).containsExactly("<a\\;b>", "<c\\ d>", ";");
    }

    @Test
    void shouldAcceptAParenthesisRightAfterAQuotedWord() throws Exception {
        // act
        List<String> texts = texts("if ($a = \"b\") {");

        // assert
        assertThat(texts).containsExactly("<if>", "<($a>", "<=>", "<b>", "<)>", "{");
    }

    @Test
    void shouldReportLinesAndColumnsOfTokens() throws Exception {
        // act
        List<NginxToken> tokens = tokens("a;\n  bb {\n}");

        // assert
        assertThat(tokens).extracting(NginxToken::line).containsExactly(1, 1, 2, 2, 3);
        assertThat(tokens).extracting(NginxToken::column).containsExactly(1, 2, 3, 6, 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a \"bc| 1| 6| unexpected end of file, expecting \";\" or \"}\"",
        "a 'bc\\n| 2| 1| unexpected end of file, expecting \";\" or \"}\"",
        "word| 1| 5| unexpected end of file, expecting \";\" or \"}\"",
        "a \"b\"c;| 1| 6| unexpected \"c\"",
        "a 'b'#;| 1| 6| unexpected \"#\"",
        "a \"b\"}| 1| 6| unexpected \"}\"",
    })
    void shouldRejectMalformedTokensWithPosition(String source, int line, int column, String reason) {
        // act / assert
        assertThatThrownBy(() -> tokens(source.replace("\\n", "\n")))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.file()).isEqualTo("t.conf");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.reason()).isEqualTo(reason);
                });
    }

    @Test
    void shouldRejectATokenThatFillsNginxsReadBuffer() {
        // arrange
        String longWord = "a".repeat(NginxTokenizer.MAX_TOKEN_LENGTH);
        String longQuoted = "x \"" + "b".repeat(NginxTokenizer.MAX_TOKEN_LENGTH) + "\";";

        // act / assert
        assertThatThrownBy(() -> tokens(longWord + ";")).isInstanceOf(ConfigParseException.class)
                .hasMessageContaining("too long parameter \"aaaaaaaaaa...\" started");
        assertThatThrownBy(() -> tokens(longQuoted)).isInstanceOf(ConfigParseException.class)
                .hasMessageContaining("probably missing terminating \"\"\" character");
    }

    @Test
    void shouldAcceptATokenJustBelowTheLimit() throws Exception {
        // act
        List<NginxToken> tokens = tokens("a".repeat(NginxTokenizer.MAX_TOKEN_LENGTH - 1) + ";");

        // assert
        assertThat(tokens).hasSize(2);
    }

    @Test
    void shouldReturnEndRepeatedlyAfterTheText() throws Exception {
        // arrange
        NginxTokenizer tokenizer = new NginxTokenizer("t.conf", "  # only a comment");

        // act / assert
        assertThat(tokenizer.next().type()).isEqualTo(NginxToken.Type.END);
        assertThat(tokenizer.next().type()).isEqualTo(NginxToken.Type.END);
    }
}
