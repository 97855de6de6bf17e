package io.releasegate.testing;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.config.FileSystemSourceResolver;
import io.releasegate.config.SourceResolver;
import io.releasegate.config.read.Parsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The corpus of real-world configurations in {@code ../shared/realworld-configs} (HAProxy and nginx files from
 * public repositories, with what {@code haproxy -c} and {@code nginx -t} said of each in {@code verdicts.tsv}). Never
 * edited by tests. Found through the system property {@value #PROPERTY}, else as {@code shared/realworld-configs} in
 * the parent of the project directory or the one above it (a worktree under {@code wt/}); a corpus that cannot be
 * found fails the test that asks for it, loudly.
 */
public final class RealWorldCorpus {
    /** The system property naming the corpus directory. */
    public static final String PROPERTY = "realworld.corpus";

    /**
     * One line of {@code verdicts.tsv}.
     *
     * @param file       path relative to the corpus, e.g. {@code haproxy/examples__games.cfg}
     * @param toolExit   the exit code of the real tool
     * @param verdict    {@code ok}, {@code syntax} (the tool rejects the grammar or a keyword) or {@code env}
     * @param firstError the tool's first error line, or empty
     * @param detail     a tag, or empty
     */
    public record Verdict(String file, int toolExit, String verdict, String firstError, String detail) {
        public ConfigFormat format() {
            return file.startsWith("haproxy/") ? ConfigFormat.HAPROXY : ConfigFormat.NGINX;
        }

        public boolean accepted() {
            return "ok".equals(verdict);
        }
    }

    private RealWorldCorpus() {
    }

    /** The corpus directory; fails with the places looked at when it is not there. */
    public static Path root() {
        String property = System.getProperty(PROPERTY);
        List<Path> candidates = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        } else {
            Path project = Path.of("").toAbsolutePath();
            candidates.add(project.resolve("../shared/realworld-configs").normalize());
            candidates.add(project.resolve("../../shared/realworld-configs").normalize());
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("verdicts.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the real-world corpus is not there: looked for verdicts.tsv in "
                + candidates + "; set -D" + PROPERTY + "=DIR (in CI it is <checkout>/../shared/realworld-configs)");
    }

    /** Every line of {@code verdicts.tsv}, in order. */
    public static List<Verdict> verdicts() {
        try {
            List<Verdict> verdicts = new ArrayList<>();
            for (String line : Files.readAllLines(root().resolve("verdicts.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("file\t")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                verdicts.add(new Verdict(cells[0], Integer.parseInt(cells[1]), cells[2],
                        cells.length > 3 ? cells[3] : "", cells.length > 4 ? cells[4] : ""));
            }
            return verdicts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the corpus as text. */
    public static String read(String file) {
        try {
            return Files.readString(root().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resolver over the corpus, with {@code file} read as {@code content} instead (a mutated copy). */
    public static SourceResolver resolver(String file, String content) {
        SourceResolver disk = new FileSystemSourceResolver(root());
        return new SourceResolver() {
            @Override
            public Optional<String> read(String path) {
                return path.equals(file) ? Optional.of(content) : disk.read(path);
            }

            @Override
            public List<String> glob(String pattern) {
                return disk.glob(pattern);
            }
        };
    }

    /**
     * Parses a corpus file as {@code lint} does (format by content), with {@code mutated} standing for one of the
     * files it reads (itself or an nginx include), or null to read everything from the corpus.
     */
    public static ConfigFile parse(String file, String mutatedFile, String mutated) throws ConfigParseException {
        String content = file.equals(mutatedFile) ? mutated : read(file);
        ConfigFormat format = FileRules.detect(file, content).orElseThrow(() -> new IllegalStateException(file
                + " is not recognised"));
        return Parsers.parse(format, file, content, mutatedFile == null ? new FileSystemSourceResolver(root())
                : resolver(mutatedFile, mutated));
    }
}
