package io.releasegate.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A small git repository written with JGit (no git binary needed): the drill's configuration repository. Writes
 * files into the work tree and commits everything.
 */
public final class ScratchRepository implements AutoCloseable {
    private final Git git;
    private final Path root;

    private ScratchRepository(Git git, Path root) {
        this.git = git;
        this.root = root;
    }

    /** A new repository with branch {@code main} in {@code dir}. */
    public static ScratchRepository init(Path dir) throws RepositoryException {
        try {
            return new ScratchRepository(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
        } catch (GitAPIException e) {
            throw new RepositoryException("cannot create a git repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** Writes {@code content} to {@code path} (relative to the work tree), creating directories. */
    public ScratchRepository write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages every file (including deletions) and commits as the given author; returns the full SHA. */
    public String commit(String message, String authorName, String authorEmail) throws RepositoryException {
        return commit(message, authorName, authorEmail, Instant.now());
    }

    /** The same, with the author and commit time given (for reproducible repositories). */
    public String commit(String message, String authorName, String authorEmail, Instant when)
            throws RepositoryException {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent author = new PersonIdent(authorName, authorEmail, when, ZoneOffset.UTC);
            return git.commit().setMessage(message).setAuthor(author).setCommitter(author).setAllowEmpty(true)
                    .setSign(false).call().name();
        } catch (GitAPIException e) {
            throw new RepositoryException("cannot commit in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
