package io.releasegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds real git repositories for tests without scripts: write files (or copy fixtures from test-fixtures/), commit
 * with a chosen author, and get the commit SHA back.
 */
public final class ScenarioRepo implements AutoCloseable {
    private final Git git;
    private final Path root;
    private long time = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

    private ScenarioRepo(Git git, Path root) {
        this.git = git;
        this.root = root;
    }

    /** A new repository with branch {@code main} in {@code dir}. */
    public static ScenarioRepo init(Path dir) {
        try {
            return new ScenarioRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's work tree. */
    public Path root() {
        return root;
    }

    /** Writes a file (creating directories). */
    public ScenarioRepo write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Stages everything and commits as the given author; returns the full SHA. */
    public String commit(String message, String authorName, String authorEmail) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            time += 60;
            PersonIdent author = new PersonIdent(authorName, authorEmail, Instant.ofEpochSecond(time),
                    TimeZone.getTimeZone("UTC").toZoneId());
            RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author)
                    .setAllowEmpty(true).setSign(false).call();
            return commit.name();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a lightweight tag at HEAD. */
    public ScenarioRepo tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(false).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
