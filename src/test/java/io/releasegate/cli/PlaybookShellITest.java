package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.ScenarioRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playbook's commands run through the real {@code sh} with names a hostile commit chose: nothing the names hold is
 * executed, and every name arrives as exactly one argument. The commands' programs (release-gate, socat, curl, git,
 * the rollback) are stubs on PATH that record their argv (and socat its stdin).
 */
class PlaybookShellITest {
    private static final String POOL = "a$(touch x)";
    private static final String QUOTE = "b'; touch y; '";
    private static final String BACKTICK = "c`touch z`";
    // a newline in a name is refused by the parsers (PrintableTextTest): a space is the hostile separator here
    private static final String NEWLINE = "d e$(touch w)";
    private static final String GATE = "g$(touch v)";
    private static final String CONTACT = "oncall$(touch t)";
    private static final String SOCKET = "/tmp/rg s$(touch s).sock";
    // URLs cannot hold a space: the classic $IFS instead
    private static final String HEALTH = "/h;touch$IFS'r'";
    private static final String STATS = "http://127.0.0.1:9000/stats;csv;touch$IFS'q'";
    private static final String LB = "http://127.0.0.1:8080/x;touch$IFS'p'";
    private static final String IDENTIFY = "body:^(web-\\d+)'$(touch u)";
    /** A fenced block of any fence length (CommonMark: the closing fence is at least as long). */
    private static final Pattern BLOCK = Pattern.compile("(?m)^(`{3,})sh\\n(.*?)^\\1\\n", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void shouldRunNothingAHostileNameHoldsAndPassEachNameAsOneArgument() throws Exception {
        // arrange
        Path repo = dir.resolve("repo");
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            scenario.write("pools.json", poolFile()).write(".releasegate.yml", policy()).commit("hostile names");
        }
        CliRun playbook = CliRun.of("playbook", "--repo", repo.toString(), "--gate", GATE, "--rollback",
                "record-rollback");
        assertThat(playbook.exitCode()).as(playbook.err()).isZero();
        List<String> blocks = blocks(playbook.out());
        Path work = Files.createDirectories(dir.resolve("work"));
        Path calls = Files.createDirectories(dir.resolve("calls"));
        Path bin = stubs(Files.createDirectories(dir.resolve("bin")));

        // act
        for (String block : blocks) {
            sh(block, work, bin, calls);
        }

        // assert: nothing was created where the commands ran, or next to them
        try (Stream<Path> created = Files.list(work)) {
            assertThat(created).as("files the names made the shell create").isEmpty();
        }
        try (Stream<Path> created = Files.list(dir)) {
            assertThat(created.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("repo", "work",
                    "calls", "bin");
        }
        List<List<String>> argvs = recorded(calls);
        List<String> verify = argvs.stream().filter(a -> a.size() > 1 && a.get(1).equals("verify")).findFirst()
                .orElseThrow();
        assertThat(verify).containsSubsequence("--lb", LB).containsSubsequence("--pool", POOL)
                .containsSubsequence("--identify", IDENTIFY).containsSubsequence("--haproxy-socket", SOCKET)
                .containsSubsequence("--stats", STATS)
                .containsSubsequence("--expect", "web-01=1," + QUOTE + "=1," + BACKTICK + "=1," + NEWLINE + "=1")
                .contains("--health", "web-01=http://10.0.0.1:8080" + HEALTH);
        assertThat(argvs).anySatisfy(argv -> assertThat(argv).containsSubsequence("--contact", CONTACT)
                .containsSubsequence("--summary", "playbook test of " + CONTACT));
        assertThat(argvs).anySatisfy(argv -> assertThat(argv).containsSubsequence("--summary",
                "playbook test of the " + GATE + " chain", "--dedup-key", "release-gate/" + GATE + "/playbook-test"));
        assertThat(argvs).anySatisfy(argv -> assertThat(argv).containsExactly("curl", "-fsS", "-o", "/dev/null",
                "-w", QUOTE + " %{http_code} %{time_total}s\\n", "http://10.0.0.2:8080" + HEALTH));
        assertThat(argvs).anySatisfy(argv -> assertThat(argv).containsExactly("record-rollback", "pool=" + POOL,
                "base=base-sha", "head=head-sha"));
        assertThat(playbook.out()).contains("# not possible: the pool's name (a$(touch x)) is not one HAProxy "
                + "accepts");
    }

    @Test
    void shouldQuoteTheRuntimeApiLinesOfValidNamesAndSkipInvalidServers() throws Exception {
        // arrange: an HAProxy-valid pool name, one hostile server, a hostile socket path
        Path repo = dir.resolve("repo");
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            scenario.write("pools.json", poolFile().replace("\"" + json(POOL) + "\"", "\"web\""))
                    .write(".releasegate.yml", policy().replace(json(POOL), "web")).commit("hostile servers");
        }
        CliRun playbook = CliRun.of("playbook", "--repo", repo.toString(), "--gate", "shop");
        Path work = Files.createDirectories(dir.resolve("work"));
        Path calls = Files.createDirectories(dir.resolve("calls"));
        Path bin = stubs(Files.createDirectories(dir.resolve("bin")));

        // act
        for (String block : blocks(playbook.out())) {
            sh(block, work, bin, calls);
        }

        // assert
        try (Stream<Path> created = Files.list(work)) {
            assertThat(created).isEmpty();
        }
        assertThat(recorded(calls)).anySatisfy(argv -> assertThat(argv).containsExactly("git", "revert",
                "--no-edit", "head-sha"));
        List<List<String>> socat = recorded(calls).stream().filter(a -> a.get(0).equals("socat")).toList();
        assertThat(socat).extracting(a -> a.get(a.size() - 1)).containsExactlyInAnyOrder("stdin=show servers state web",
                "stdin=set server web/web-01 state ready", "stdin=set server web/web-01 weight 1");
        assertThat(socat).allSatisfy(a -> assertThat(a.subList(1, 3)).containsExactly("stdio",
                "unix-connect:" + SOCKET));
        assertThat(playbook.out()).contains("# skipped b'; touch y; ': not a server name HAProxy accepts")
                .contains("# skipped d e$(touch w): not a server name HAProxy accepts");
    }

    private static String poolFile() {
        return """
                {"pools": {"%s": {"servers": {
                  "web-01": {"address": "10.0.0.1:8080"},
                  "%s": {"address": "10.0.0.2:8080"},
                  "%s": {"address": "10.0.0.3:8080"},
                  "%s": {"address": "10.0.0.4:8080"}}}}}
                """.formatted(json(POOL), json(QUOTE), json(BACKTICK), json(NEWLINE));
    }

    private static String policy() {
        return """
                version: 1
                verify:
                  lb: "%s"
                  pool: "%s"
                  identify: "%s"
                  healthPath: "%s"
                  haproxySocket: "%s"
                  stats: "%s"
                escalation:
                  chain: ["%s"]
                  contacts:
                    "%s":
                      type: webhook
                      url: env:HOOK_URL
                """.formatted(json(LB), json(POOL), json(IDENTIFY), json(HEALTH), json(SOCKET), json(STATS),
                json(CONTACT), json(CONTACT));
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static List<String> blocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        while (block.find()) {
            blocks.add(block.group(2));
        }
        assertThat(blocks).as(markdown).hasSizeGreaterThanOrEqualTo(5);
        return blocks;
    }

    /** Stubs that write their name, argv and (socat) stdin, NUL-separated, to a new file in $CALLS. */
    private static Path stubs(Path bin) throws IOException {
        String record = """
                #!/bin/sh
                out=$(mktemp "$CALLS/call.XXXXXX")
                printf '%s\\0' "$(basename "$0")" "$@" > "$out"
                """;
        for (String name : List.of("release-gate", "curl", "git")) {
            executable(bin.resolve(name), record);
        }
        executable(bin.resolve("socat"), record + "printf 'stdin=%s\\0' \"$(cat)\" >> \"$out\"\n");
        executable(bin.resolve("record-rollback"), """
                #!/bin/sh
                out=$(mktemp "$CALLS/call.XXXXXX")
                printf '%s\\0' record-rollback "pool=$RELEASE_GATE_POOL" "base=$RELEASE_GATE_BASE" \\
                    "head=$RELEASE_GATE_HEAD" > "$out"
                """);
        return bin;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void sh(String block, Path work, Path bin, Path calls) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", block).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("CALLS", calls.toString());
        builder.environment().put("HOME", work.toString());
        builder.environment().put("BASE_SHA", "base-sha");
        builder.environment().put("HEAD_SHA", "head-sha");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as(block).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<List<String>> recorded(Path calls) throws IOException {
        List<List<String>> argvs = new ArrayList<>();
        try (Stream<Path> files = Files.list(calls)) {
            for (Path file : files.sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                argvs.add(Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1)));
            }
        }
        return argvs;
    }
}
