package io.releasegate.paging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves secret references: {@code env:NAME} reads an environment variable, {@code file:/path} reads a file (one
 * trailing newline removed). Literal secrets are refused, so they cannot be committed in the policy file. Errors name
 * the reference, never a value.
 */
@FunctionalInterface
public interface Secrets {
    /** Resolves a reference; throws {@link IllegalArgumentException} with a message in words when it cannot. */
    Secret resolve(String reference);

    /** Whether {@code text} has the form of a reference ({@code env:} or {@code file:}). */
    static boolean isReference(String text) {
        return text != null && (text.startsWith("env:") || text.startsWith("file:"));
    }

    /** References resolved against the process environment and the file system. */
    static Secrets fromEnvironment() {
        return from(System::getenv);
    }

    /** References resolved against the given environment (tests, Jenkins' build environment). */
    static Secrets from(Map<String, String> environment) {
        return from(environment::get);
    }

    private static Secrets from(Function<String, String> environment) {
        return reference -> {
            if (reference == null || !isReference(reference)) {
                throw new IllegalArgumentException("a secret must be given as env:NAME or file:PATH, not literally");
            }
            if (reference.startsWith("env:")) {
                String name = reference.substring(4);
                String value = name.isEmpty() ? null : environment.apply(name);
                if (value == null || value.isEmpty()) {
                    throw new IllegalArgumentException("secret " + reference + ": environment variable " + name
                            + " is not set or empty");
                }
                return new Secret(reference, value);
            }
            Path file = Path.of(reference.substring(5));
            try {
                String value = Files.readString(file, StandardCharsets.UTF_8);
                value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                        : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("secret " + reference + ": the file is empty");
                }
                return new Secret(reference, value);
            } catch (IOException e) {
                throw new IllegalArgumentException("secret " + reference + ": cannot read the file ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        };
    }
}
