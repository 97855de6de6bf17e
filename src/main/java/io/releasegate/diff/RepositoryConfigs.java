package io.releasegate.diff;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.config.read.Parsers;
import io.releasegate.config.SourceResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every load-balancer configuration file of a repository at one revision, parsed from git objects. */
public final class RepositoryConfigs {
    /**
     * The parsed files at a revision, and the errors of those that could not be parsed.
     *
     * @param revision full SHA
     */
    public record Snapshot(String revision, List<ConfigFile> files, List<DiffResult.ParseError> errors) {
        public Snapshot {
            files = List.copyOf(files);
            errors = List.copyOf(errors);
        }
    }

    private RepositoryConfigs() {
    }

    /** Reads every file the rules select (or, without rules, every file whose content looks like LB config). */
    public static Snapshot at(GitRepository repository, String revision, FileRules rules) throws RepositoryException {
        String sha = repository.resolve(revision);
        SourceResolver resolver = repository.resolver(sha);
        List<ConfigFile> files = new ArrayList<>();
        List<DiffResult.ParseError> errors = new ArrayList<>();
        for (String path : repository.paths(sha, rules::candidate)) {
            Optional<String> content = repository.read(sha, path);
            Optional<ConfigFormat> format = content.flatMap(text -> rules.formatOf(path, text));
            if (format.isEmpty()) {
                continue;
            }
            try {
                files.add(Parsers.parse(format.get(), path, content.get(), resolver));
            } catch (ConfigParseException e) {
                errors.add(new DiffResult.ParseError(path, e.line(), e.column(), e.reason(), revision));
            }
        }
        return new Snapshot(sha, files, errors);
    }
}
