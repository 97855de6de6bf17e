package io.releasegate.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"release-gate " + (version == null ? "dev" : version)};
    }
}
