package io.releasegate.paging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which secret references the operator allows, checked before anything is read: {@code env:NAME} only for names
 * starting with {@link #ENV_PREFIX} or named explicitly ({@code --secret-env NAME}); {@code file:PATH} only below
 * the operator's directory ({@code --secret-dir DIR}), after {@code ..} and symbolic links are resolved. A policy
 * file can name any reference; these rules keep a change to it from reading {@code env:AWS_SECRET_ACCESS_KEY} or
 * {@code file:/etc/shadow} and sending it to an address of its choosing.
 *
 */
public final class SecretRules {
    /** Environment variables with this prefix are always allowed. */
    public static final String ENV_PREFIX = "RELEASE_GATE_";
    /** The largest secret file read (a routing key, a URL, a password). */
    static final long MAX_FILE_BYTES = 64 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Set<String> envNames;
    /** The directory as the operator wrote it (absolute, normalised) and its real path; empty: no file allowed. */
    private final Optional<Path> given;
    private final Optional<Path> directory;

    private SecretRules(Set<String> envNames, Optional<Path> given, Optional<Path> directory) {
        this.envNames = Set.copyOf(new TreeSet<>(envNames));
        this.given = given;
        this.directory = directory;
    }

    /** Only {@code RELEASE_GATE_*} variables, no files. */
    public static SecretRules prefixOnly() {
        return new SecretRules(Set.of(), Optional.empty(), Optional.empty());
    }

    /** {@code RELEASE_GATE_*} and the given variables (an environment handed over by the embedding code), no files. */
    static SecretRules allowing(Collection<String> envNames) {
        return new SecretRules(Set.copyOf(envNames), Optional.empty(), Optional.empty());
    }

    /**
     * The operator's rules.
     *
     * @param envNames  further environment variables allowed ({@code --secret-env})
     * @param directory the directory of secret files ({@code --secret-dir}), or null for none
     * @throws IllegalArgumentException when a name is not a variable name or the directory does not exist
     */
    public static SecretRules of(Collection<String> envNames, Path directory) {
        for (String name : envNames) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--secret-env '" + name + "' is not an environment variable name");
            }
        }
        if (directory == null) {
            return new SecretRules(Set.copyOf(envNames), Optional.empty(), Optional.empty());
        }
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("--secret-dir " + directory + " is not a directory");
            }
            return new SecretRules(Set.copyOf(envNames), Optional.of(directory.toAbsolutePath().normalize()),
                    Optional.of(real));
        } catch (IOException e) {
            throw new IllegalArgumentException("--secret-dir " + directory + " does not exist or cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Environment variables allowed besides the {@code RELEASE_GATE_} ones. */
    public Set<String> envNames() {
        return envNames;
    }

    /** The real path of the directory {@code file:} secrets must lie in; empty when no file is allowed. */
    public Optional<Path> directory() {
        return directory;
    }

    /** Whether the variable {@code name} may be read. */
    public boolean allowsEnv(String name) {
        return name.startsWith(ENV_PREFIX) || envNames.contains(name);
    }

    /**
     * Checks a reference without reading the secret. For {@code file:} the path is normalised, checked against the
     * directory, and only then resolved (symbolic links) and checked again.
     *
     * @return the file to read for {@code file:}, empty for {@code env:}
     * @throws IllegalArgumentException with the reason in words (naming the reference, never a value)
     */
    public Optional<Path> check(String reference) {
        if (!Secrets.isReference(reference)) {
            throw new IllegalArgumentException("a secret must be given as env:NAME or file:PATH, not literally");
        }
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(reference + " does not name an environment variable");
            }
            if (!allowsEnv(name)) {
                throw new IllegalArgumentException(reference + " is not an allowed secret: environment variables "
                        + "must be named " + ENV_PREFIX + "* or allowed by the operator with --secret-env " + name);
            }
            return Optional.empty();
        }
        return Optional.of(file(reference));
    }

    private Path file(String reference) {
        if (directory.isEmpty()) {
            throw new IllegalArgumentException(reference + " is not an allowed secret: file: secrets are read only "
                    + "below a directory the operator names with --secret-dir DIR");
        }
        Path dir = directory.get();
        Path path;
        try {
            path = Path.of(reference.substring(5)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(reference + " is not a file path", e);
        }
        if (!(path.startsWith(dir) || path.startsWith(given.get())) || path.equals(dir) || path.equals(given.get())) {
            throw new IllegalArgumentException(reference + " is not an allowed secret: it is outside the secret "
                    + "directory " + dir);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("secret " + reference + ": cannot read the file ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (!real.startsWith(dir) || !Files.isRegularFile(real)) {
            throw new IllegalArgumentException(reference + " is not an allowed secret: after resolving symbolic "
                    + "links it is not a file inside the secret directory " + dir);
        }
        return real;
    }

    /** The rules in words, for the report and the playbook. */
    public String describe() {
        return "env: " + ENV_PREFIX + "*" + (envNames.isEmpty() ? "" : ", " + String.join(", ", envNames))
                + "; file: " + directory.map(dir -> "below " + dir).orElse("none");
    }
}
