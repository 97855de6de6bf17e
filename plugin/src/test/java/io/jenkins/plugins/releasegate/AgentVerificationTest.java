package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasegate.agent.AgentVerification;
import io.jenkins.plugins.releasegate.agent.JsonMaps;
import io.jenkins.plugins.releasegate.agent.VerifyOptions;
import io.releasegate.log.BufferedLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent-side verification with the engine's Verifier, against a real round-robin proxy on 127.0.0.1. */
class AgentVerificationTest {
    @TempDir
    Path workspace;

    private RoundRobinBalancer lb;

    @AfterEach
    void stopTheBalancer() {
        if (lb != null) {
            lb.close();
        }
    }

    private VerifyOptions expecting(String servers) {
        VerifyOptions options = new VerifyOptions();
        options.lb = lb.url();
        options.expect = servers;
        return options;
    }

    @Test
    void shouldFailAndNameTheBackendThatGotNothing() throws Exception {
        // arrange: the incident, web-02 out of the proxy's pool
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        BufferedLog log = new BufferedLog();
        VerifyOptions options = expecting("web-01,web-02");
        options.junit = "reports/verify.xml";

        // act
        Map<String, Object> result = AgentVerification.run(workspace, options, log);

        // assert
        assertThat(result).containsEntry("verdict", "FAIL").containsEntry("missing", List.of("web-02"));
        assertThat(JsonMaps.map(result.get("observed"))).containsKeys("web-01", "web-02");
        assertThat(JsonMaps.list(result, "reasons")).anySatisfy(r -> assertThat(r.toString()).contains("web-02"));
        assertThat(log.entries()).isNotEmpty();
        assertThat(Files.readString(workspace.resolve("reports/verify.xml"), StandardCharsets.UTF_8))
                .contains("<testsuite").contains("web-02");
    }

    @Test
    void shouldPassWhenBothBackendsGetTheirShare() throws Exception {
        // arrange
        lb = RoundRobinBalancer.healthy();

        // act
        Map<String, Object> result = AgentVerification.run(workspace, expecting("web-01,web-02"), new BufferedLog());

        // assert
        assertThat(result).containsEntry("verdict", "PASS").containsEntry("missing", List.of());
    }

    @Test
    void shouldExplainBadOptionsInWords() throws Exception {
        // arrange
        lb = RoundRobinBalancer.healthy();
        VerifyOptions noPool = new VerifyOptions();
        noPool.lb = lb.url();
        VerifyOptions badExpect = expecting("web-01=0");
        VerifyOptions healthWithExpect = expecting("web-01,web-02");
        healthWithExpect.healthPath = "/health";

        // act and assert
        assertThatThrownBy(() -> AgentVerification.run(workspace, noPool, new BufferedLog()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give the pool to verify");
        assertThatThrownBy(() -> AgentVerification.run(workspace, badExpect, new BufferedLog()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 0");
        assertThatThrownBy(() -> AgentVerification.run(workspace, healthWithExpect, new BufferedLog()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("healthPath");
    }

    @Test
    void shouldReadThePoolFromALoadBalancerConfigFile() throws Exception {
        // arrange: a config whose pool web declares both backends by name
        lb = RoundRobinBalancer.healthy();
        Files.writeString(workspace.resolve("haproxy.cfg"), """
                backend web
                    balance roundrobin
                    server web-01 127.0.0.1:1 check
                    server web-02 127.0.0.1:2 check
                """, StandardCharsets.UTF_8);
        VerifyOptions options = new VerifyOptions();
        options.lb = lb.url();
        options.pool = "web";
        options.config = "haproxy.cfg";

        // act
        Map<String, Object> result = AgentVerification.run(workspace, options, new BufferedLog());

        // assert
        assertThat(result).containsEntry("verdict", "PASS");
        assertThat(JsonMaps.map(result.get("expected"))).containsOnlyKeys("web-01", "web-02");
    }

    @Test
    void shouldTellPolicyFilesFromLoadBalancerConfigs() {
        assertThat(AgentVerification.isPolicyFile(".releasegate.yml")).isTrue();
        assertThat(AgentVerification.isPolicyFile("lb/prod.releasegate.yaml")).isTrue();
        assertThat(AgentVerification.isPolicyFile("haproxy.cfg")).isFalse();
    }
}
