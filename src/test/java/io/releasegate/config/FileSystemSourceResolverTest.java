package io.releasegate.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemSourceResolverTest {
    @TempDir
    Path root;

    private void write(String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void shouldReadRelativePathsAgainstTheRoot() throws Exception {
        // arrange
        write("conf/a.conf", "hello");
        FileSystemSourceResolver resolver = new FileSystemSourceResolver(root);

        // act / assert
        assertThat(resolver.read("conf/a.conf")).contains("hello");
        assertThat(resolver.read("conf/./x/../a.conf")).contains("hello");
        assertThat(resolver.read("conf/missing.conf")).isEmpty();
        assertThat(resolver.read("conf")).isEmpty();
    }

    @Test
    void shouldReadAbsolutePathsAsGiven() throws Exception {
        // arrange
        write("abs.conf", "absolute");
        FileSystemSourceResolver resolver = new FileSystemSourceResolver(root.resolve("elsewhere"));

        // act / assert
        assertThat(resolver.read(root.resolve("abs.conf").toString())).contains("absolute");
    }

    @Test
    void shouldMatchStarQuestionMarkAndBracketGlobsSorted() throws Exception {
        // arrange
        for (String name : List.of("b.conf", "a.conf", "c1.conf", "c2.conf", "cx.conf", ".hidden.conf", "a.txt")) {
            write("conf.d/" + name, name);
        }
        write("conf.d/sub/z.conf", "z");
        FileSystemSourceResolver resolver = new FileSystemSourceResolver(root);

        // act / assert
        assertThat(resolver.glob("conf.d/*.conf")).containsExactly("conf.d/a.conf", "conf.d/b.conf",
                "conf.d/c1.conf", "conf.d/c2.conf", "conf.d/cx.conf");
        assertThat(resolver.glob("conf.d/c?.conf")).containsExactly("conf.d/c1.conf", "conf.d/c2.conf",
                "conf.d/cx.conf");
        assertThat(resolver.glob("conf.d/c[0-9].conf")).containsExactly("conf.d/c1.conf", "conf.d/c2.conf");
        assertThat(resolver.glob("conf.d/c[!0-9].conf")).containsExactly("conf.d/cx.conf");
        assertThat(resolver.glob("conf.d/.*.conf")).containsExactly("conf.d/.hidden.conf");
        assertThat(resolver.glob("*/*.conf")).hasSize(5);
        assertThat(resolver.glob("conf.d/*/z.conf")).containsExactly("conf.d/sub/z.conf");
    }

    @Test
    void shouldReturnNothingForGlobsThatMatchNothing() throws Exception {
        // arrange
        FileSystemSourceResolver resolver = new FileSystemSourceResolver(root);

        // act / assert
        assertThat(resolver.glob("none/*.conf")).isEmpty();
        assertThat(resolver.glob("*.nothing")).isEmpty();
        assertThat(resolver.glob("[z-a].conf")).isEmpty();
    }

    @Test
    void shouldGlobAbsolutePatterns() throws Exception {
        // arrange
        write("d/x.conf", "x");
        FileSystemSourceResolver resolver = new FileSystemSourceResolver(Path.of("/nonexistent-root"));

        // act
        List<String> matches = resolver.glob(root.resolve("d").toString() + "/*.conf");

        // assert
        assertThat(matches).containsExactly(root.resolve("d/x.conf").toString());
    }

    @Test
    void shouldNotMatchADirectoryAsAFile() throws Exception {
        // arrange
        write("d/inner.conf/file", "x");
        FileSystemSourceResolver resolver = new FileSystemSourceResolver(root);

        // act / assert
        assertThat(resolver.glob("d/*.conf")).isEmpty();
    }
}
