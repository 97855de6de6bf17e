package io.releasegate.testing;

import io.releasegate.diff.RepositoryException;
import io.releasegate.diff.ScratchRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Builds real git repositories for tests without scripts: write files (or copy fixtures from test-fixtures/), commit
 * with a chosen author, and get the commit SHA back.
 */
public final class ScenarioRepo implements AutoCloseable {
    private final ScratchRepository repository;
    private final Path root;
    private long time = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

    private ScenarioRepo(ScratchRepository repository) {
        this.repository = repository;
        this.root = repository.root();
    }

    /** A new repository with branch {@code main} in {@code dir}. */
    public static ScenarioRepo init(Path dir) {
        try {
            return new ScenarioRepo(ScratchRepository.init(dir));
        } catch (RepositoryException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's work tree. */
    public Path root() {
        return root;
    }

    /** Writes a file (creating directories). */
    public ScenarioRepo write(String path, String content) {
        repository.write(path, content);
        return this;
    }

    /** Copies a fixture from {@code test-fixtures/<fixture>} to {@code path}. */
    public ScenarioRepo copyFixture(String fixture, String path) {
        return write(path, fixture(fixture));
    }

    /** The text of {@code test-fixtures/<fixture>}. */
    public static String fixture(String fixture) {
        try {
            return Files.readString(fixturesDir().resolve(fixture), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code test-fixtures} directory of this checkout. */
    public static Path fixturesDir() {
        Path dir = Path.of("test-fixtures").toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("test-fixtures/ not found from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public ScenarioRepo delete(String path) {
        try {
            Files.deleteIfExists(root.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ScenarioRepo rename(String from, String to) {
        try {
            Path target = root.resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(root.resolve(from), target);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes several files at once. */
    public ScenarioRepo writeAll(Map<String, String> files) {
        files.forEach(this::write);
        return this;
    }

    /** Stages everything (including deletions) and commits as the default author; returns the full SHA. */
    public String commit(String message) {
        return commit(message, "Dev Eloper", "dev@example.org");
    }

    /** Stages everything and commits as the given author, a minute after the previous commit; returns the full SHA. */
    public String commit(String message, String authorName, String authorEmail) {
        time += 60;
        try {
            return repository.commit(message, authorName, authorEmail, Instant.ofEpochSecond(time));
        } catch (RepositoryException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
