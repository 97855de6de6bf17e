package io.releasegate.signoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins plugin bundles the engine without MINA SSHD and Bouncy Castle (plugin/pom.xml excludes them): the
 * sign-off code it calls must never load them.
 */
class SignOffWithoutSshLibrariesTest {
    private static URLClassLoader withoutSshLibraries() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("sshd-") && !entry.contains("bcprov")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @SuppressWarnings("unchecked")
    private static String call(ClassLoader loader, String className) throws Exception {
        return ((Callable<String>) loader.loadClass(className).getConstructor().newInstance()).call();
    }

    @Test
    void shouldRunTheJenkinsSignOffWithoutTheSshLibraries() throws Exception {
        // arrange
        try (URLClassLoader loader = withoutSshLibraries()) {
            // act
            String result = call(loader, JenkinsStyleSignOff.class.getName());

            // assert
            assertThat(result).isEqualTo("bob may approve as named reviewer bob | APPROVE | released: 1 of 1 required"
                    + " approvals (bob) | reviewers identified by the host's login (Jenkins)");
        }
    }

    @Test
    void shouldReallyLackTheSshLibrariesInThatClassLoader() throws Exception {
        // arrange
        try (URLClassLoader loader = withoutSshLibraries()) {
            // act / assert: the CLI's signing path cannot run there
            assertThatThrownBy(() -> call(loader, JenkinsStyleSignOff.Signed.class.getName()))
                    .isInstanceOf(NoClassDefFoundError.class).hasMessageContaining("org/apache/sshd");
        }
    }
}
