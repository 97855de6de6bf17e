package io.jenkins.plugins.releasegate;

import io.jenkins.plugins.releasegate.agent.JsonMaps;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Large results (the change, each verification, each recovery) live in their own JSON files under the build's
 * {@code release-gate/} directory, not in {@code build.xml}. Written atomically: temp file, then move.
 */
final class ResultFiles {
    private static final Logger LOGGER = Logger.getLogger(ResultFiles.class.getName());
    static final String DIRECTORY = "release-gate";

    private final File buildDir;

    ResultFiles(File buildDir) {
        this.buildDir = buildDir;
    }

    void write(String name, Map<String, Object> content) throws IOException {
        Path dir = new File(buildDir, DIRECTORY).toPath();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, name, ".tmp");
        try {
            Files.writeString(temp, JsonMaps.write(content), StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The content of {@code name}, or an empty map when it is missing or unreadable (logged). */
    Map<String, Object> read(String name) {
        if (name == null) {
            return Map.of();
        }
        Path file = new File(new File(buildDir, DIRECTORY), name).toPath();
        try {
            return Files.exists(file) ? JsonMaps.parse(Files.readString(file, StandardCharsets.UTF_8), name)
                    : Map.of();
        } catch (IOException | IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "cannot read " + file, e);
            return Map.of();
        }
    }
}
