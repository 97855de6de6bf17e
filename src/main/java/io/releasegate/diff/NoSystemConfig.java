package io.releasegate.diff;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps JGit from running the {@code git} binary. To find the system-wide gitconfig, JGit otherwise starts
 * {@code git --version} and {@code git config --system --show-origin --list}: two processes per run, a dependency on
 * a git installation, and hundreds of milliseconds. The engine only reads objects, which needs no system
 * configuration, so the system configuration is empty, as JGit itself does when {@code GIT_CONFIG_NOSYSTEM} is set.
 */
final class NoSystemConfig extends SystemReader.Delegate {
    private NoSystemConfig(SystemReader delegate) {
        super(delegate);
    }

    static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof NoSystemConfig)) {
            SystemReader.setInstance(new NoSystemConfig(current));
        }
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, (File) null, fs) {
            @Override
            public void load() {
                // no system configuration
            }

            @Override
            public boolean isOutdated() {
                return false;
            }
        };
    }
}
