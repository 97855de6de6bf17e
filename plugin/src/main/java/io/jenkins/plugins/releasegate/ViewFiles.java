package io.jenkins.plugins.releasegate;

import hudson.XmlFile;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The build's typed results (the change, each recovery) in their own XML files under its {@code release-gate/}
 * directory, not in {@code build.xml}; written atomically by {@link XmlFile}.
 */
final class ViewFiles {
    private static final Logger LOGGER = Logger.getLogger(ViewFiles.class.getName());

    private final File directory;

    ViewFiles(File buildDir) {
        this.directory = new File(buildDir, ReleaseGateAction.DIRECTORY);
    }

    void write(String name, Object view) throws IOException {
        XmlFile file = new XmlFile(Run.XSTREAM2, new File(directory, name));
        file.mkdirs();
        file.write(view);
    }

    /** The view in {@code name}, or null when it is missing, unreadable (logged) or of another type. */
    <T> T read(String name, Class<T> type) {
        XmlFile file = new XmlFile(Run.XSTREAM2, new File(directory, name));
        if (!file.exists()) {
            return null;
        }
        try {
            Object view = file.read();
            return type.isInstance(view) ? type.cast(view) : null;
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot read " + file, e);
            return null;
        }
    }
}
