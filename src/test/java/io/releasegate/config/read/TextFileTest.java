package io.releasegate.config.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadAFileOfExactlyTheLimitWholeAndRefuseOneByteMore() throws Exception {
        // arrange
        Path exact = Files.writeString(dir.resolve("exact.cfg"), "x".repeat(99) + "\n");
        Path over = Files.writeString(dir.resolve("over.cfg"), "x".repeat(100) + "\n");

        // act
        String text = TextFile.read(exact, "exact.cfg", 100);

        // assert
        assertThat(text).hasSize(100).endsWith("x\n");
        assertThatThrownBy(() -> TextFile.read(over, "over.cfg", 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("over.cfg: too large (101 bytes; configuration files of up to 100 bytes are read)");
    }

    @Test
    void shouldReadEmptyAsciiAndMultiByteFilesAsTheyAre() throws Exception {
        // arrange
        Path empty = Files.write(dir.resolve("empty.cfg"), new byte[0]);
        String utf8 = "backend web # caf\u00e9 \u2603\n    server web-01 127.0.0.1:8081\n";
        Path text = Files.writeString(dir.resolve("utf8.cfg"), utf8, StandardCharsets.UTF_8);

        // act and assert
        assertThat(TextFile.read(empty, "empty.cfg")).isEmpty();
        assertThat(TextFile.read(text, "utf8.cfg")).isEqualTo(utf8);
    }

    @Test
    void shouldNameTheLineAndColumnOfABinaryOrInvalidByte() throws Exception {
        // arrange
        Path binary = Files.write(dir.resolve("bin.cfg"), "a\nbc\0d\n".getBytes(StandardCharsets.US_ASCII));
        Path latin1 = Files.write(dir.resolve("latin1.cfg"), "a\n\nb\u00f6\n".getBytes(StandardCharsets.ISO_8859_1));

        // act and assert
        assertThatThrownBy(() -> TextFile.read(binary, "bin.cfg")).hasMessage(
                "bin.cfg:2: a binary file (NUL byte at column 3), not configuration text");
        assertThatThrownBy(() -> TextFile.read(latin1, "latin1.cfg")).hasMessage(
                "latin1.cfg:3: not valid UTF-8 text (byte 0xF6 at column 2)");
    }
}
