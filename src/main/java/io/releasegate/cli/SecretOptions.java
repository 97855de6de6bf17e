package io.releasegate.cli;

import io.releasegate.paging.SecretRules;
import io.releasegate.paging.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --secret-env} and {@code --secret-dir}: which secrets the policy's escalation contacts may read, for the
 * commands that page. A policy names references; the operator decides which may resolve (docs/escalation.md).
 */
final class SecretOptions {
    @Option(names = "--secret-env", paramLabel = "NAME",
            description = "Allow the policy's env:NAME secret reference for this variable (repeatable); variables "
                    + "named RELEASE_GATE_* are always allowed, no other.")
    List<String> envNames = new ArrayList<>();

    @Option(names = "--secret-dir", paramLabel = "DIR",
            description = "Allow the policy's file:PATH secret references below DIR (after resolving .. and "
                    + "symbolic links); without it no file: secret is read.")
    Path directory;

    /** The operator's rules; IllegalArgumentException when a name or the directory is not valid (exit code 2). */
    SecretRules rules() {
        return SecretRules.of(envNames, directory);
    }

    /** The options as given, to repeat in a command printed for later (empty when none was given). */
    String asArguments() {
        StringBuilder text = new StringBuilder();
        envNames.forEach(name -> text.append(" --secret-env ").append(name));
        if (directory != null) {
            text.append(" --secret-dir ").append(directory);
        }
        return text.toString();
    }

    /** Secrets from this process's environment and files, as far as the rules allow. */
    Secrets secrets() {
        return Secrets.fromEnvironment(rules());
    }
}
