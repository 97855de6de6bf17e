package io.releasegate.config.read;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.config.FileSystemSourceResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads configuration files from the file system (for {@code lint FILE...} and {@code verify --config}). */
public final class LocalConfigs {
    /** The files that parsed and the errors of those that did not. */
    public record Result(List<ConfigFile> files, List<ConfigParseException> errors) {
        public Result {
            files = List.copyOf(files);
            errors = List.copyOf(errors);
        }
    }

    private LocalConfigs() {
    }

    /**
     * Parses each file in the format the rules give it, or, without rules, the format its content shows. Relative
     * nginx includes resolve as nginx resolves them: against the directory of the top-level file (nginx's conf
     * prefix), not against the directory of the file that includes them nor the working directory.
     *
     * @throws IllegalArgumentException when a file is missing, a directory, too large, not UTF-8 text or not
     *                                  recognisable configuration (bad input), naming it
     * @throws IOException never today; kept so that callers stay ready for readers that can fail
     */
    public static Result read(List<Path> paths, FileRules rules) throws IOException {
        List<ConfigFile> files = new ArrayList<>();
        List<ConfigParseException> errors = new ArrayList<>();
        // paths are read as given, relative ones against the working directory, as nginx -c reads its file
        FileSystemSourceResolver resolver = new FileSystemSourceResolver(Path.of("").toAbsolutePath());
        for (Path path : paths) {
            String name = name(path);
            String content = TextFile.read(path, name);
            Optional<ConfigFormat> format = rules.byContentOnly() ? FileRules.detect(name, content)
                    : rules.byPath(name);
            if (format.isEmpty()) {
                throw new IllegalArgumentException(name + ": not recognisable as HAProxy, nginx or pool-file "
                        + "configuration (name the format with a files: rule in the policy)");
            }
            try {
                files.add(Parsers.parse(format.get(), name, content, resolver));
            } catch (ConfigParseException e) {
                errors.add(e);
            }
        }
        return new Result(files, errors);
    }

    /** The path as given, normalized, with {@code /} separators: the name the file has in findings and errors. */
    static String name(Path path) {
        String normalized = path.normalize().toString().replace('\\', '/');
        return normalized.isEmpty() ? path.toString() : normalized;
    }
}
