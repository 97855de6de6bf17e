package io.releasegate.paging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves secret references: {@code env:NAME} reads an environment variable, {@code file:/path} reads a file (one
 * trailing newline removed), each only as far as the operator's {@link SecretRules} allow. Literal secrets are
 * refused, so they cannot be committed in the policy file. Errors name the reference, never a value.
 */
@FunctionalInterface
public interface Secrets {
    /** Resolves a reference; throws {@link IllegalArgumentException} with a message in words when it cannot. */
    Secret resolve(String reference);

    /**
     * Checks that {@code reference} may be resolved, without reading anything, so that a policy naming a forbidden
     * secret is refused before anything is read or sent. The default accepts every reference: implementations that
     * resolve through another store (Jenkins credentials) check when they resolve.
     *
     * @throws IllegalArgumentException with the reason in words
     */
    default void check(String reference) {
        // resolved elsewhere; resolve() refuses what it cannot resolve
    }

    /** Whether {@code text} has the form of a reference ({@code env:} or {@code file:}). */
    static boolean isReference(String text) {
        return text != null && (text.startsWith("env:") || text.startsWith("file:"));
    }

    /** References resolved against the process environment and the file system, as far as {@code rules} allow. */
    static Secrets fromEnvironment(SecretRules rules) {
        return restricted(rules, System::getenv);
    }

    /**
     * References resolved against the given environment (tests, the drill, Jenkins' build environment): every name
     * in it may be read, no file.
     */
    static Secrets from(Map<String, String> environment) {
        return restricted(SecretRules.allowing(environment.keySet()), environment::get);
    }

    /** References resolved against the given environment and the file system, as far as {@code rules} allow. */
    static Secrets from(Map<String, String> environment, SecretRules rules) {
        return restricted(rules, environment::get);
    }

    private static Secrets restricted(SecretRules rules, Function<String, String> environment) {
        return new Secrets() {
            @Override
            public void check(String reference) {
                rules.check(reference);
            }

            @Override
            public Secret resolve(String reference) {
                Optional<Path> file = rules.check(reference);
                if (file.isEmpty()) {
                    String name = reference.substring(4);
                    String value = environment.apply(name);
                    if (value == null || value.isEmpty()) {
                        throw new IllegalArgumentException("secret " + reference + ": environment variable " + name
                                + " is not set or empty");
                    }
                    return new Secret(reference, value);
                }
                String value = read(reference, file.get());
                value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                        : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("secret " + reference + ": the file is empty");
                }
                return new Secret(reference, value);
            }

            @Override
            public String toString() {
                return "Secrets[" + rules.describe() + "]";
            }
        };
    }

    /** Reads the checked real path, refusing a symbolic link swapped in since the check and an oversized file. */
    private static String read(String reference, Path real) {
        try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) SecretRules.MAX_FILE_BYTES + 1);
            if (bytes.length > SecretRules.MAX_FILE_BYTES) {
                throw new IllegalArgumentException("secret " + reference + ": the file is larger than "
                        + SecretRules.MAX_FILE_BYTES / 1024 + " KiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("secret " + reference + ": cannot read the file ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
