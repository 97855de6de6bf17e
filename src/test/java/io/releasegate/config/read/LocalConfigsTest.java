package io.releasegate.config.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.FileRules;
import io.releasegate.config.Pool;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConfigsTest {
    @TempDir
    Path dir;

    private static LocalConfigs.Result read(Path... paths) throws Exception {
        return LocalConfigs.read(List.of(paths), FileRules.byContent());
    }

    private static IllegalArgumentException badInput(Path path) {
        return catchThrowableOfType(IllegalArgumentException.class, () -> read(path));
    }

    @Test
    void shouldResolveIncludesAgainstTheTopLevelFilesDirectoryAsNginxDoes() throws Exception {
        // arrange: nginx resolves "include up.conf;" and nested includes against the directory of the file given
        // with -c (its conf prefix), whatever the working directory and whichever file includes them
        Path sub = Files.createDirectories(dir.resolve("sub/conf.d"));
        Files.writeString(dir.resolve("sub/nginx.conf"), "events {}\nhttp {\n    include up.conf;\n"
                + "    include conf.d/*.conf;\n}\n");
        Files.writeString(dir.resolve("sub/up.conf"), "upstream app { server 127.0.0.1:8081; }\n");
        Files.writeString(sub.resolve("a.conf"), "include api.conf;\n");
        Files.writeString(dir.resolve("sub/api.conf"), "upstream api { server 127.0.0.1:8082; }\n");
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("sub/nginx.conf"));

        // act
        LocalConfigs.Result result = read(relative);

        // assert
        assertThat(result.errors()).isEmpty();
        ConfigFile file = result.files().get(0);
        assertThat(file.pools()).extracting(Pool::name).containsExactly("app", "api");
        assertThat(file.path()).isEqualTo(relative.toString());
        assertThat(file.pool("app").orElseThrow().file()).isEqualTo(relative.getParent().resolve("up.conf")
                .toString());
    }

    @Test
    void shouldNameTheLineOfTheFirstByteThatIsNotUtf8() throws Exception {
        Path file = dir.resolve("haproxy.cfg");
        Files.write(file, concat("backend web\n    server s1 127.0.0.1:80\n    # caf".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xe9, '\n'}));

        IllegalArgumentException error = badInput(file);

        assertThat(error.getMessage()).isEqualTo(file + ":3: not valid UTF-8 text (byte 0xE9 at column 10)");
    }

    @Test
    void shouldRefuseABinaryFileWithTheLineOfItsFirstNulByte() throws Exception {
        Path file = dir.resolve("haproxy.cfg");
        Files.write(file, new byte[] {'a', '\n', 'b', 0, 'c'});

        IllegalArgumentException error = badInput(file);

        assertThat(error.getMessage()).isEqualTo(file + ":2: a binary file (NUL byte at column 2), not "
                + "configuration text");
    }

    @Test
    void shouldRefuseADirectoryByName() {
        IllegalArgumentException error = badInput(dir);

        assertThat(error.getMessage()).isEqualTo(dir + ": is a directory, not a configuration file (name the files "
                + "in it)");
    }

    @Test
    void shouldCallAFileOverTheLimitTooLargeNotUnrecognisable() throws Exception {
        Path file = dir.resolve("huge.cfg");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(TextFile.MAX_BYTES + 1);
        }

        IllegalArgumentException error = badInput(file);

        assertThat(error.getMessage()).isEqualTo(file + ": too large (" + (TextFile.MAX_BYTES + 1) + " bytes; "
                + "configuration files of up to 64 MiB are read)");
    }

    @Test
    void shouldReadAFileOfOnlyFrontendsAsConfigurationWithoutPools() throws Exception {
        // arrange: reg-tests/stick-table/src_conn_rate.vtc and tests/conf/test-backlog.cfg have no backend servers
        Path file = dir.resolve("frontends.cfg");
        Files.writeString(file, "global\n    maxconn 200\nfrontend backlog\n    mode http\n    bind :8000\n"
                + "    timeout client 15s\n");

        LocalConfigs.Result result = read(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.files()).singleElement().satisfies(config -> assertThat(config.pools()).isEmpty());
    }

    @Test
    void shouldRecogniseALargeHaproxyFileByItsContent() throws Exception {
        // arrange: larger than the 4 MiB detection used to give up at ("not recognisable")
        StringBuilder text = new StringBuilder("global\n    maxconn 100\n");
        for (int i = 0; text.length() < 5 << 20; i++) {
            text.append("backend b").append(i).append("\n    server s1 10.0.").append(i % 250).append(".1:80 check\n"
                    + "    server s2 10.0.").append(i % 250).append(".2:80 check\n");
        }
        Path file = dir.resolve("big.cfg");
        Files.writeString(file, text);

        // act
        LocalConfigs.Result result = read(file);

        // assert
        assertThat(result.errors()).isEmpty();
        assertThat(result.files().get(0).pools().size()).isGreaterThan(50_000);
    }

    @Test
    void shouldAcceptEveryWellFormedUtf8SequenceAndRefuseMalformedOnes() {
        assertThat(TextFile.firstInvalidUtf8("aé€😀".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(TextFile.firstInvalidUtf8(new byte[] {'a', (byte) 0xc0, (byte) 0x80})).isEqualTo(1);
        assertThat(TextFile.firstInvalidUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isZero();
        assertThat(TextFile.firstInvalidUtf8(new byte[] {'x', 'y', (byte) 0xe2, (byte) 0x82})).isEqualTo(2);
        assertThat(TextFile.firstInvalidUtf8(new byte[] {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80}))
                .isZero();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
