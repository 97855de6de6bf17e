package io.releasegate.signoff;

import io.releasegate.diff.GitRepository;
import io.releasegate.config.read.TextFile;
import io.releasegate.diff.RepositoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the allowed signers come from: the operator's file ({@code --allowed-signers FILE}) or
 * {@value #PATH} in the git objects of the base revision (never the work tree, never head: the change under review
 * must not choose who may approve it).
 *
 * @param name names the file (and revision) in every message
 * @param text the file's content, or empty when it does not exist
 */
public record AllowedSignersSource(String name, Optional<String> text) {
    /** The file at the base revision that lists the reviewers' keys. */
    public static final String PATH = ".releasegate/allowed_signers";
    private static final long MAX_BYTES = 1_000_000;

    /** No allowed signers at all (no decision was given, so none is needed). */
    public static AllowedSignersSource none() {
        return new AllowedSignersSource("no allowed signers", Optional.empty());
    }

    /** The operator's file; it must exist. */
    public static AllowedSignersSource file(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("allowed signers file not found: " + file);
        }
        try {
            return new AllowedSignersSource(file.toString(), Optional.of(TextFile.read(file, file.toString(),
                    MAX_BYTES)));
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot read the allowed signers file " + e.getMessage(), e);
        }
    }

    /** {@value #PATH} at commit {@code sha} of the repository at {@code repository}. */
    public static AllowedSignersSource atRevision(Path repository, String sha) throws RepositoryException {
        try (GitRepository git = GitRepository.open(repository)) {
            return new AllowedSignersSource(PATH + " at base " + sha.substring(0, Math.min(12, sha.length())),
                    git.read(sha, PATH));
        }
    }
}
