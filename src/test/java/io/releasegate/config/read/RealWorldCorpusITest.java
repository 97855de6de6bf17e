package io.releasegate.config.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigNote;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.testing.RealWorldCorpus;
import io.releasegate.testing.RealWorldCorpus.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads every file of the real-world corpus as {@code release-gate lint FILE} does and checks the answer against
 * what HAProxy 2.6.12 ({@code haproxy -c}) and nginx 1.22.1 ({@code nginx -t}) say of it, running the real tools
 * again here on every file {@code verdicts.tsv} calls {@code ok} or {@code syntax}. The tools check a copy whose
 * {@code /srv/realworld/} paths point into a temporary directory (the support tree of certificates, maps and Lua
 * files is not part of the corpus; a tool that stops on one of those keeps the recorded verdict). Prints the
 * agreement figures that docs/formats/haproxy.md and docs/formats/nginx.md quote.
 */
class RealWorldCorpusITest {
    /** A first error that says a support file or the machine is missing, not that the grammar is wrong. */
    private static final Pattern ENVIRONMENT = Pattern.compile("No such file or directory|unable to stat|cannot open"
            + "|error opening file|failed to open|could not resolve|Couldn't open|unable to load|host not found"
            + "|getpwnam|getgrnam|cannot load certificate|unknown service name", Pattern.CASE_INSENSITIVE);
    private static final Pattern HAPROXY_WHERE = Pattern.compile("\\[([^\\]\\s]+):(\\d+)\\]");
    private static final Pattern NGINX_WHERE = Pattern.compile(" in (\\S+):(\\d+)\\s*$");

    /**
     * Files the tool rejects for a reason release-gate does not check, with the reason: they are read, and what
     * the tool would say is not claimed. Any other rejected file must be rejected by release-gate or noted at the
     * tool's line.
     */
    private static final Map<String, String> BEYOND = new TreeMap<>(Map.ofEntries(
            Map.entry("haproxy/regtests__startup_default_rules__h15.cfg", "sample fetch arguments"),
            Map.entry("haproxy/regtests__spoe_wrong_init__h1.cfg", "filter arguments"),
            Map.entry("haproxy/regtests__mcli_mcli_start_progs__h1.cfg", "needs master-worker mode (-W), a command-"
                    + "line option"),
            Map.entry("haproxy/testsconf__test-acl-args.cfg", "ACL expressions"),
            Map.entry("haproxy/testsconf__test-sample-fetch-args.cfg", "sample expressions"),
            Map.entry("haproxy/testsconf__test-sample-fetch-conv.cfg", "sample expressions"),
            Map.entry("haproxy/client-native__runtime_parallel.cfg", "'stats socket' arguments"),
            Map.entry("haproxy/user__htx-buffer-request-expect-header.cfg", "a log host name that does not resolve on "
                    + "the checking machine"),
            Map.entry("nginx/crossplane__bad-args.conf", "argument counts of directives outside upstreams"),
            Map.entry("nginx/crossplane__comments-between-args.conf", "no events block: a file may be included"),
            Map.entry("nginx/crossplane__empty-value-map.conf", "variables")));

    /** Files release-gate rejects too, but not at the tool's line, with the reason. */
    private static final Map<String, String> OTHER_LINE = new TreeMap<>(Map.ofEntries(
            Map.entry("nginx/crossplane__lua-block-larger.conf", "the Lua code of a *_by_lua_block (a third-party "
                    + "module) is not nginx syntax: release-gate stops inside it, nginx at the unknown directive"),
            Map.entry("nginx/crossplane__lua-block-simple.conf", "Lua code in a *_by_lua_block"),
            Map.entry("nginx/crossplane__lua-block-tricky.conf", "Lua code in a *_by_lua_block"),
            Map.entry("nginx/crossplane__non-unicode.conf", "not UTF-8 text: release-gate refuses it as bad input "
                    + "(exit 2), nginx reads bytes and stops at the missing events block"),
            Map.entry("nginx/crossplane__quote-behavior.conf", "words outside any block or directive: not "
                    + "recognisable as nginx configuration (exit 2)")));

    @TempDir
    Path work;

    /** What the real tool answered here. */
    record ToolAnswer(boolean accepted, boolean environment, String where, String output) {
    }

    /** What release-gate made of a file. */
    record Ours(ConfigFile file, ConfigParseException error, String badInput) {
        boolean parsed() {
            return file != null;
        }

        String where() {
            return error == null ? "" : tail(error.file()) + ":" + error.line();
        }
    }

    @Test
    void shouldParseWhatTheRealToolsAcceptAndRejectWhatTheirGrammarRejects() throws Exception {
        // arrange
        Path corpus = RealWorldCorpus.root();
        List<Verdict> verdicts = RealWorldCorpus.verdicts();
        Path copy = supportCopy(corpus);

        // act
        Map<String, ToolAnswer> tools = runTools(verdicts, copy);
        Map<String, Ours> ours = new LinkedHashMap<>();
        for (Verdict verdict : verdicts) {
            ours.put(verdict.file(), read(corpus.resolve(verdict.file())));
        }

        // assert
        Figures figures = new Figures();
        List<String> problems = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            ToolAnswer tool = tools.get(verdict.file());
            String recorded = recordedWhere(verdict);
            if (tool != null && !tool.environment()) {
                if (tool.accepted() != verdict.accepted()) {
                    problems.add(verdict.file() + ": verdicts.tsv says " + verdict.verdict() + " but the tool here "
                            + (tool.accepted() ? "accepts it" : "rejects it: " + tool.where()));
                }
                recorded = tool.accepted() ? "" : tool.where();
            }
            figures.count(verdict, tool, ours.get(verdict.file()), recorded, problems);
        }
        System.out.println(figures.report(corpus, verdicts));
        assertThat(problems).as("disagreements with the real tools").isEmpty();
        assertThat(figures.beyond).as("files rejected for a reason release-gate does not check")
                .containsExactlyInAnyOrderElementsOf(BEYOND.keySet());
        assertThat(figures.otherLine).as("files release-gate rejects at another line than the tool")
                .containsExactlyInAnyOrderElementsOf(OTHER_LINE.keySet());
    }

    private static Ours read(Path file) {
        try {
            LocalConfigs.Result result = LocalConfigs.read(List.of(file), FileRules.byContent());
            return result.files().isEmpty() ? new Ours(null, result.errors().get(0), "")
                    : new Ours(result.files().get(0), null, "");
        } catch (IllegalArgumentException e) {
            return new Ours(null, null, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file and line of the tool's first error in verdicts.tsv, or empty. */
    private static String recordedWhere(Verdict verdict) {
        Matcher haproxy = HAPROXY_WHERE.matcher(verdict.firstError());
        if (verdict.format() == ConfigFormat.HAPROXY && haproxy.find()) {
            return tail(haproxy.group(1)) + ":" + haproxy.group(2);
        }
        Matcher nginx = NGINX_WHERE.matcher(verdict.firstError());
        return nginx.find() ? tail(nginx.group(1)) + ":" + nginx.group(2) : "";
    }

    /** A path from the tool's folder on: {@code /tmp/x/nginx/a/b.conf} and {@code nginx/a/b.conf} give the same. */
    static String tail(String path) {
        String normalized = path.replace('\\', '/');
        int at = Math.max(normalized.lastIndexOf("/nginx/"), normalized.lastIndexOf("/haproxy/"));
        if (at >= 0) {
            normalized = normalized.substring(at + 1);
        }
        for (String tool : List.of("nginx/", "haproxy/")) {
            if (normalized.startsWith(tool)) {
                normalized = normalized.substring(tool.length());
            }
        }
        return normalized;
    }

    /** The corpus, copied with its {@code /srv/realworld/} paths pointing into the work directory. */
    private Path supportCopy(Path corpus) throws IOException {
        Path copy = work.resolve("c");
        Files.createDirectories(copy.resolve("nginx-support/testdir"));
        Files.createDirectories(copy.resolve("haproxy-support/tmp"));
        Files.createDirectories(copy.resolve("nginx-prefix/logs"));
        for (String tool : List.of("haproxy", "nginx")) {
            try (Stream<Path> files = Files.walk(corpus.resolve(tool))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = copy.resolve(corpus.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    byte[] bytes = Files.readAllBytes(file);
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    Files.write(target, text.replace("/srv/realworld/", copy + "/")
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        }
        return copy;
    }

    private Map<String, ToolAnswer> runTools(List<Verdict> verdicts, Path copy) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<ToolAnswer>> futures = new LinkedHashMap<>();
            for (Verdict verdict : verdicts) {
                if (!"env".equals(verdict.verdict())) {
                    futures.put(verdict.file(), pool.submit(() -> runTool(verdict, copy)));
                }
            }
            Map<String, ToolAnswer> answers = new LinkedHashMap<>();
            for (Map.Entry<String, Future<ToolAnswer>> entry : futures.entrySet()) {
                answers.put(entry.getKey(), entry.getValue().get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ToolAnswer runTool(Verdict verdict, Path copy) throws IOException, InterruptedException {
        Path file = copy.resolve(verdict.file());
        boolean haproxy = verdict.format() == ConfigFormat.HAPROXY;
        List<String> command = haproxy ? List.of(binary("haproxy"), "-c", "-f", file.getFileName().toString())
                : List.of(binary("nginx"), "-t", "-q", "-c", file.toString(), "-p", copy.resolve("nginx-prefix") + "/",
                        "-e", copy.resolve("nginx-prefix/logs/error.log").toString());
        Process process = new ProcessBuilder(command).directory(file.getParent().toFile()).redirectErrorStream(true)
                .start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(command + " did not finish within 30 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean accepted = haproxy ? process.exitValue() != 1 : process.exitValue() == 0;
            String first = output.lines().filter(line -> line.contains("[ALERT]") || line.contains("[emerg]"))
                    .findFirst().orElse("");
            Matcher where = (haproxy ? HAPROXY_WHERE : NGINX_WHERE).matcher(first);
            return new ToolAnswer(accepted, !accepted && ENVIRONMENT.matcher(first).find(),
                    where.find() ? tail(where.group(1)) + ":" + where.group(2) : "", output);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String binary(String name) {
        Path sbin = Path.of("/usr/sbin", name);
        return Files.isExecutable(sbin) ? sbin.toString() : name;
    }

    /** The agreement figures, per tool. */
    static final class Figures {
        final Map<String, int[]> counts = new TreeMap<>();
        final List<String> beyond = new ArrayList<>();
        final List<String> otherLine = new ArrayList<>();
        final List<String> otherLineDetail = new ArrayList<>();
        int reran;
        int environmentHere;

        private int[] of(String key) {
            return counts.computeIfAbsent(key, k -> new int[1]);
        }

        void count(Verdict verdict, ToolAnswer tool, Ours ours, String toolWhere, List<String> problems) {
            String tool0 = verdict.format().id();
            if (tool != null) {
                reran++;
                environmentHere += tool.environment() ? 1 : 0;
            }
            of(tool0 + " files")[0]++;
            if ("env".equals(verdict.verdict())) {
                of(tool0 + " env")[0]++;
                of(tool0 + " env parsed")[0] += ours.parsed() ? 1 : 0;
                return;
            }
            if (verdict.accepted()) {
                of(tool0 + " accepted")[0]++;
                if (!ours.parsed()) {
                    problems.add(verdict.file() + ": the tool accepts it, release-gate says "
                            + (ours.error() != null ? ours.error().getMessage() : ours.badInput()));
                    return;
                }
                of(tool0 + " accepted parsed")[0]++;
                of(tool0 + " accepted without pools")[0] += ours.file().pools().isEmpty() ? 1 : 0;
                for (ConfigNote note : ours.file().notes()) {
                    if (note.kind() == ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION) {
                        problems.add(verdict.file() + ": the tool accepts it, release-gate calls a keyword unknown: "
                                + note.message());
                    }
                }
                of(tool0 + " conditional")[0] += ours.file().notes().stream()
                        .anyMatch(n -> n.kind() == ConfigNote.Kind.CONDITIONAL) || ours.file().pools().stream()
                        .anyMatch(p -> p.servers().stream().anyMatch(s -> s.conditional())) ? 1 : 0;
                return;
            }
            of(tool0 + " rejected")[0]++;
            if (!ours.parsed()) {
                boolean same = !toolWhere.isEmpty() && toolWhere.equals(ours.where());
                of(tool0 + (same ? " rejected same line" : " rejected other line"))[0]++;
                if (!same) {
                    otherLine.add(verdict.file());
                    otherLineDetail.add(verdict.file() + " (tool " + toolWhere + ", release-gate "
                            + (ours.error() != null ? ours.where() + " " + ours.error().reason() : ours.badInput())
                            + ")");
                }
                return;
            }
            boolean noted = ours.file().notes().stream().anyMatch(note -> note.kind()
                    == ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION && toolWhere.equals(tail(note.file()) + ":"
                    + note.line()));
            if (noted) {
                of(tool0 + " rejected noted")[0]++;
            } else {
                of(tool0 + " rejected beyond")[0]++;
                beyond.add(verdict.file());
            }
        }

        String report(Path corpus, List<Verdict> verdicts) {
            StringBuilder out = new StringBuilder("Real-world corpus " + corpus + ": " + verdicts.size()
                    + " files\n");
            out.append("Real tools run again here on the ").append(reran).append(" files verdicts.tsv calls ok or "
                    + "syntax: ").append(reran - environmentHere).append(" answered, ").append(environmentHere)
                    .append(" stopped on a support file that is not in the corpus (recorded verdict kept)\n");
            for (String tool : List.of("haproxy", "nginx")) {
                int accepted = get(tool + " accepted");
                int rejected = get(tool + " rejected");
                out.append(String.format("%s: %d files; accepted by the tool %d, parsed by release-gate %d "
                        + "(%d without pools, %d with conditional servers); rejected for their grammar %d: rejected "
                        + "by release-gate %d (%d at the same line), accepted and reported unknown to this version "
                        + "at the tool's line %d, beyond what release-gate checks %d; env-only %d, parsed %d%n",
                        tool, get(tool + " files"), accepted, get(tool + " accepted parsed"),
                        get(tool + " accepted without pools"), get(tool + " conditional"), rejected,
                        get(tool + " rejected same line") + get(tool + " rejected other line"),
                        get(tool + " rejected same line"), get(tool + " rejected noted"),
                        get(tool + " rejected beyond"), get(tool + " env"), get(tool + " env parsed")));
            }
            otherLineDetail.forEach(line -> out.append("  rejected at another line: ").append(line).append('\n'));
            beyond.forEach(file -> out.append("  beyond: ").append(file).append(" (")
                    .append(BEYOND.getOrDefault(file, "?")).append(")\n"));
            return out.toString();
        }

        private int get(String key) {
            return counts.getOrDefault(key, new int[1])[0];
        }
    }
}
