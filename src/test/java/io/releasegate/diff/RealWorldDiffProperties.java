package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.testing.RealWorldCorpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantic diff on the real-world corpus (every file HAProxy or nginx accepts): deleting any one server line of
 * a pool of two or more servers is reported as exactly that removal, and reformatting a file (indentation, comments,
 * trailing blanks, reordered servers and sections) is no change. Every server line is deleted in turn, except in
 * pools of more than {@value #EXHAUSTIVE} lines (one test file has 5,000 servers), where {@value #EXHAUSTIVE} lines
 * spread evenly from the first to the last are.
 */
class RealWorldDiffProperties {
    /** A line that holds one whole nginx server statement, or one HAProxy server or server-template line. */
    private static final Pattern SERVER_LINE = Pattern.compile("^\\s*(server|server-template)\\s[^{}]*$");
    static final int EXHAUSTIVE = 64;
    private static final Set<ChangeKind> CONSEQUENCES = Set.of(ChangeKind.CAPACITY_REDUCED,
            ChangeKind.SINGLE_POINT_OF_FAILURE);

    static List<String> acceptedFiles() {
        return RealWorldCorpus.verdicts().stream().filter(RealWorldCorpus.Verdict::accepted)
                .map(RealWorldCorpus.Verdict::file).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedFiles")
    void shouldReportDeletingAnyServerLineAsExactlyThatRemoval(String file) throws ConfigParseException {
        ConfigFile before = RealWorldCorpus.parse(file, null, null);
        for (Pool pool : before.pools()) {
            if (pool.servers().size() < 2) {
                continue;
            }
            String source = pool.file().isEmpty() ? file : pool.file();
            List<String> lines = List.of(RealWorldCorpus.read(source).split("\n", -1));
            Map<Integer, List<Server>> byLine = new LinkedHashMap<>();
            pool.servers().forEach(server -> byLine.computeIfAbsent(server.line(), k -> new ArrayList<>())
                    .add(server));
            List<Map.Entry<Integer, List<Server>>> entries = new ArrayList<>(byLine.entrySet());
            for (Map.Entry<Integer, List<Server>> entry : spread(entries)) {
                String text = lines.get(entry.getKey() - 1);
                if (!SERVER_LINE.matcher(text).matches() || text.indexOf(';') != text.lastIndexOf(';')) {
                    continue;
                }
                assertDeletionIsThatRemoval(file, source, lines, pool, entry.getKey(), entry.getValue(), before);
            }
        }
    }

    /** All of them, or {@value #EXHAUSTIVE} spread evenly from the first to the last. */
    static <T> List<T> spread(List<T> all) {
        if (all.size() <= EXHAUSTIVE) {
            return all;
        }
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < EXHAUSTIVE; i++) {
            picked.add(all.get((int) ((long) i * (all.size() - 1) / (EXHAUSTIVE - 1))));
        }
        return picked;
    }

    private static void assertDeletionIsThatRemoval(String file, String source, List<String> lines, Pool pool,
            int line, List<Server> deleted, ConfigFile before) throws ConfigParseException {
        List<String> mutated = new ArrayList<>(lines);
        mutated.remove(line - 1);
        ConfigFile after = RealWorldCorpus.parse(file, source, String.join("\n", mutated));

        List<Change> changes = FileDiff.of(file, before, after).all();

        String where = file + " (" + source + ":" + line + " deleted, pool " + pool.name() + ")";
        List<Change> removals = changes.stream().filter(c -> c.kind() == ChangeKind.SERVER_REMOVED).toList();
        assertThat(removals).as(where).extracting(Change::pool, Change::server, Change::before)
                .containsExactlyInAnyOrderElementsOf(deleted.stream().map(server -> org.assertj.core.groups.Tuple
                        .tuple(pool.name(), server.name(), PoolDiff.describe(server))).toList());
        for (Server server : deleted) {
            boolean twin = pool.servers().stream().filter(other -> other != server)
                    .anyMatch(other -> other.withLine(0).equals(server.withLine(0)));
            if (!twin) {
                assertThat(removals).as(where + ": the line of " + server.name())
                        .anyMatch(change -> change.server().equals(server.name()) && change.line() == line);
            }
        }
        assertThat(changes).as(where + ": nothing else but consequences: " + changes.stream()
                .map(Change::message).collect(Collectors.joining(" | ")))
                .allMatch(change -> change.kind() == ChangeKind.SERVER_REMOVED
                        || CONSEQUENCES.contains(change.kind()) && change.pool().equals(pool.name()));
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(acceptedFiles());
    }

    @Property(tries = 400)
    void shouldFindNoChangeInAReformatting(@ForAll("files") String file, @ForAll long seed)
            throws ConfigParseException {
        // arrange
        ConfigFile before = RealWorldCorpus.parse(file, null, null);
        String original = RealWorldCorpus.read(file);
        String reformatted = new Reformatter(seed, before.format()).reformat(original);

        // act
        ConfigFile after = RealWorldCorpus.parse(file, file, reformatted);
        List<Change> changes = FileDiff.of(file, before, after).all();

        // assert
        assertThat(reformatted).as(file).isNotEqualTo(original);
        assertThat(changes).as(file + " reformatted with seed " + seed + ":\n" + reformatted).isEmpty();
    }
}
