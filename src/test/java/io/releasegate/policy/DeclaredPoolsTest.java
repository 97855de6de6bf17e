package io.releasegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The declared pool from a git revision (the revision's policy, or an explicit policy file) or from one file. */
class DeclaredPoolsTest {
    private static final String HAPROXY = """
            backend web
                balance roundrobin
                server web-01 10.0.0.1:80 check
                server web-02 10.0.0.2:80 check
            """;

    @TempDir
    Path repo;

    @TempDir
    Path elsewhere;

    private void commitHaproxyConfig(String path) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, HAPROXY, StandardCharsets.UTF_8);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("pool web").setAuthor("Bob", "bob@example.com")
                    .setCommitter("Bob", "bob@example.com").call();
        }
    }

    @Test
    void shouldFindThePoolAtARevision() throws Exception {
        // arrange
        commitHaproxyConfig("lb/haproxy.cfg");

        // act
        Pool pool = DeclaredPools.atRevision(repo, "HEAD", "web");

        // assert
        assertThat(pool.activeServers()).extracting(Server::name).containsExactly("web-01", "web-02");
        assertThat(pool.file()).isEqualTo("lb/haproxy.cfg");
    }

    @Test
    void shouldSelectTheFilesWithAnExplicitPolicyFile() throws Exception {
        // arrange: a policy that names only nginx files, so the HAProxy backend is not an LB config for it
        commitHaproxyConfig("lb/haproxy.cfg");
        Path policy = elsewhere.resolve("policy.yml");
        Files.writeString(policy, "files:\n  - glob: \"lb/nginx/*.conf\"\n    format: nginx\n",
                StandardCharsets.UTF_8);

        // act and assert
        assertThatThrownBy(() -> DeclaredPools.atRevision(repo, "HEAD", Optional.of(policy), "web"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown pool 'web' at HEAD").hasMessageContaining("pools: none");
    }

    @Test
    void shouldFindThePoolInOneFile() throws Exception {
        // arrange
        Path file = elsewhere.resolve("haproxy.cfg");
        Files.writeString(file, HAPROXY, StandardCharsets.UTF_8);

        // act
        Pool pool = DeclaredPools.inFile(file, "web");

        // assert
        assertThat(pool.name()).isEqualTo("web");
        assertThatThrownBy(() -> DeclaredPools.inFile(file, "api")).hasMessageContaining("unknown pool 'api' in ");
    }

    @Test
    void shouldFindSeveralPoolsInTheOrderAsked() throws Exception {
        // arrange
        commitHaproxyConfig("lb/haproxy.cfg");
        Path file = elsewhere.resolve("haproxy.cfg");
        Files.writeString(file, HAPROXY + "backend api\n    server api-01 10.0.1.1:80 check\n",
                StandardCharsets.UTF_8);

        // act
        List<Pool> inFile = DeclaredPools.inFile(file, List.of("api", "web"));
        List<Pool> atRevision = DeclaredPools.atRevision(repo, "HEAD", Optional.empty(), List.of("web"));

        // assert
        assertThat(inFile).extracting(Pool::name).containsExactly("api", "web");
        assertThat(atRevision).extracting(Pool::name).containsExactly("web");
        assertThatThrownBy(() -> DeclaredPools.atRevision(repo, "HEAD", Optional.empty(), List.of("web", "api")))
                .hasMessageContaining("unknown pool 'api' at HEAD");
    }
}
