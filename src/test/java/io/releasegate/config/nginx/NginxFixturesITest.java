package io.releasegate.config.nginx;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileSystemSourceResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the real {@code nginx -t} on every top-level fixture and checks that our parser agrees: what nginx accepts
 * parses, what nginx rejects we reject, naming the same file and line. nginx runs unprivileged-friendly: prefix, pid
 * and error log in a temporary directory ({@code -p}, {@code -e stderr}, {@code -g}); the fixtures switch the access
 * log off, so nothing under /var/log is touched.
 */
class NginxFixturesITest {
    private static final Path FIXTURES = Path.of("test-fixtures/nginx");
    private static final Pattern EMERG = Pattern.compile("\\[emerg\\] [^:]*: (.*) in (/[^\\n]*):(\\d+)");
    private static final long TIMEOUT_SECONDS = 30;

    @TempDir
    static Path prefix;

    private static String nginx;
    private static String loadModules = "";

    @BeforeAll
    static void findNginx() throws Exception {
        nginx = Stream.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseGet(() -> fail("nginx is not installed; .ci/run installs it"));
        Result version = run(List.of(nginx, "-V"));
        Matcher modules = Pattern.compile("--modules-path=(\\S+)").matcher(version.output);
        if (version.output.contains("--with-stream=dynamic")) {
            Path module = Path.of(modules.find() ? modules.group(1) : "/usr/lib/nginx/modules",
                    "ngx_stream_module.so");
            assertThat(module).as("the stream module (Debian: libnginx-mod-stream, installed by .ci/run)")
                    .exists();
            loadModules = "load_module " + module + "; ";
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(prefix, "nginx", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("nginx did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private static Result nginxTest(Path config) throws IOException, InterruptedException {
        String directives = loadModules + "pid " + prefix.resolve("nginx.pid") + "; error_log stderr;";
        return run(List.of(nginx, "-t", "-q", "-e", "stderr", "-p", prefix + "/", "-c",
                config.toAbsolutePath().toString(), "-g", directives));
    }

    private static List<Path> fixtures(String kind) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(kind))) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
    }

    private static ConfigFile parse(Path config) throws Exception {
        FileSystemSourceResolver resolver = new FileSystemSourceResolver(Path.of("."));
        String path = config.toString().replace('\\', '/');
        return new NginxParser().parse(path, resolver.read(path).orElseThrow(), resolver);
    }

    @TestFactory
    List<DynamicTest> shouldAcceptEveryValidFixtureLikeNginx() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path config : fixtures("valid")) {
            tests.add(DynamicTest.dynamicTest(config.getFileName().toString(), () -> {
                // act
                Result result = nginxTest(config);
                ConfigFile parsed = parse(config);

                // assert
                assertThat(result.exitCode).as("nginx -t on %s:%n%s", config, result.output).isZero();
                assertThat(parsed.pools()).as("pools of %s", config).isNotEmpty();
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(6);
        return tests;
    }

    @TestFactory
    List<DynamicTest> shouldRejectEveryInvalidFixtureLikeNginxAtTheSameFileAndLine() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path config : fixtures("invalid")) {
            tests.add(DynamicTest.dynamicTest(config.getFileName().toString(), () -> {
                // act
                Result result = nginxTest(config);

                // assert
                assertThat(result.exitCode).as("nginx -t on %s:%n%s", config, result.output).isNotZero();
                Matcher emerg = EMERG.matcher(result.output);
                assertThat(emerg.find()).as("nginx error line in:%n%s", result.output).isTrue();
                assertThatThrownBy(() -> parse(config)).isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(Path.of(emerg.group(2)))
                            .isEqualTo(Path.of(e.file()).toAbsolutePath().normalize());
                    assertThat(e.line()).as("line of: %s / nginx: %s", e.getMessage(), emerg.group(0))
                            .isEqualTo(Integer.parseInt(emerg.group(3)));
                    assertThat(e.reason().split("\"")[0].trim()).as("wording of: %s / nginx: %s", e.getMessage(),
                            emerg.group(0)).isEqualTo(emerg.group(1).split("\"")[0].trim());
                });
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
        return tests;
    }
}
