package io.releasegate.diff;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;

/** One side of a changed file: parsed, absent (null file, null error) or unparseable. */
record ParsedFile(ConfigFile file, ConfigParseException error) {
    static final ParsedFile ABSENT = new ParsedFile(null, null);

    boolean parsed() {
        return file != null;
    }
}
