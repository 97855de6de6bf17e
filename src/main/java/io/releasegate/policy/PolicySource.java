package io.releasegate.policy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the policy: an explicit file, else {@code .releasegate.yml} at a revision (read from git objects, so the
 * reviewed revision's own policy applies), else the built-in defaults.
 */
public final class PolicySource {
    private PolicySource() {
    }

    /**
     * @param explicit a policy file given on the command line; it must exist
     * @throws PolicyException when the explicit file is missing or any policy file is invalid
     */
    public static Policy load(GitRepository repository, String revision, Optional<Path> explicit)
            throws PolicyException, RepositoryException {
        if (explicit.isPresent()) {
            return fromFile(explicit.get());
        }
        Optional<String> text = repository.read(repository.resolve(revision), PolicyLoader.FILE_NAME);
        if (text.isEmpty()) {
            return Policy.defaults();
        }
        return parse(PolicyLoader.FILE_NAME, text.get());
    }

    /** Reads a policy file from disk. */
    public static Policy fromFile(Path file) throws PolicyException {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new PolicyException("policy file not found: " + file, e);
        } catch (IOException e) {
            throw new PolicyException("cannot read policy file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Policy parse(String name, String text) throws PolicyException {
        try {
            return PolicyLoader.parse(name, text);
        } catch (ConfigParseException e) {
            throw new PolicyException("invalid policy " + e.getMessage(), e);
        }
    }
}
