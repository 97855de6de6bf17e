package io.releasegate.config.read;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.config.FileSystemSourceResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
     * nginx includes resolve against the file's directory.
     *
     * @throws IllegalArgumentException when a file is missing or is not recognisable configuration (bad input)
     */
    public static Result read(List<Path> paths, FileRules rules) throws IOException {
        List<ConfigFile> files = new ArrayList<>();
        List<ConfigParseException> errors = new ArrayList<>();
        for (Path path : paths) {
            String content;
            try {
                content = Files.readString(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no such file: " + path, e);
            }
            String name = path.toString();
            Optional<ConfigFormat> format = rules.byContentOnly() ? FileRules.detect(name, content)
                    : rules.byPath(name);
            if (format.isEmpty()) {
                throw new IllegalArgumentException(name + ": not recognisable as HAProxy, nginx or pool-file "
                        + "configuration (name the format with a files: rule in the policy)");
            }
            Path directory = path.toAbsolutePath().getParent();
            try {
                files.add(Parsers.parse(format.get(), name, content, new FileSystemSourceResolver(directory)));
            } catch (ConfigParseException e) {
                errors.add(e);
            }
        }
        return new Result(files, errors);
    }
}
