package io.releasegate.config;

import java.util.List;
import java.util.Optional;

/**
 * Port through which a parser reads the other files a configuration refers to (nginx {@code include}). The diff
 * reads them from git objects at a revision; the CLI and tests read them from the file system.
 */
public interface SourceResolver {
    /** Reads a file by normalized path; empty when it does not exist. */
    Optional<String> read(String path);

    /** Paths matching a glob ({@code *}, {@code ?}, {@code [..]}) in sorted order, normalized like {@link #read}. */
    List<String> glob(String pattern);

    /** A resolver that knows no other file. */
    SourceResolver NONE = new SourceResolver() {
        @Override
        public Optional<String> read(String path) {
            return Optional.empty();
        }

        @Override
        public List<String> glob(String pattern) {
            return List.of();
        }
    };
}
