package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasegate.agent.AgentReply;
import io.jenkins.plugins.releasegate.agent.AgentVerification;
import io.jenkins.plugins.releasegate.agent.PoolSource;
import io.releasegate.log.BufferedLog;
import io.releasegate.verify.Verdict;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.VerificationSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private VerificationSpec expecting(String servers) {
        return VerificationSpec.builder(lb.url()).expect(servers).build();
    }

    @Test
    void shouldFailAndNameTheBackendThatGotNothing() throws Exception {
        // arrange: the incident, web-02 out of the proxy's pool
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        BufferedLog log = new BufferedLog();
        VerificationSpec spec = expecting("web-01,web-02");

        // act
        VerificationResult result = AgentVerification.run(workspace, spec, PoolSource.none(), "reports/verify.xml",
                spec.rateBudget(), log);

        // assert
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.missing()).containsExactly("web-02");
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("web-02"));
        assertThat(log.entries()).isNotEmpty();
        assertThat(Files.readString(workspace.resolve("reports/verify.xml"), StandardCharsets.UTF_8))
                .contains("<testsuite").contains("web-02");
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

        VerificationSpec spec = VerificationSpec.builder(lb.url()).build();

        // act
        VerificationResult result = AgentVerification.run(workspace, spec, new PoolSource("web", "haproxy.cfg",
                "HEAD"), null, spec.rateBudget(), new BufferedLog());

        // assert
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.expected()).containsOnlyKeys("web-01", "web-02");
    }

    @Test
    void shouldExplainAPoolThatCannotBeFoundInWords() throws Exception {
        // arrange
        lb = RoundRobinBalancer.healthy();
        VerificationSpec spec = VerificationSpec.builder(lb.url()).build();

        // act + assert
        assertThatThrownBy(() -> AgentVerification.run(workspace, spec, new PoolSource("web", "missing.cfg", "HEAD"),
                null, spec.rateBudget(), new BufferedLog()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.cfg");
    }

    @Test
    void shouldSendTheTypedResultAndTheLogOverTheChannel() throws Exception {
        // arrange: what the agent sends back, through Java serialization as remoting does
        lb = RoundRobinBalancer.healthy();
        BufferedLog agentLog = new BufferedLog();
        VerificationSpec spec = expecting("web-01,web-02");
        VerificationResult result = AgentVerification.run(workspace, spec, PoolSource.none(), null,
                spec.rateBudget(), agentLog);
        agentLog.warn("only %d requests", 12);
        AgentReply<VerificationResult> reply = AgentReply.of(result, agentLog);

        // act
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(reply);
        }
        AgentReply<?> received;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            received = (AgentReply<?>) in.readObject();
        }
        BufferedLog controller = new BufferedLog();
        received.replay(controller);

        // assert: the same result, the log in order with its levels
        assertThat(received.result()).isEqualTo(result);
        List<String> lines = new ArrayList<>();
        controller.entries().forEach(e -> lines.add(e.level() + " " + e.message()));
        assertThat(lines).last().isEqualTo("WARN only 12 requests");
        assertThat(lines).first().asString().startsWith("INFO verify: pool expected");
    }

    @Test
    void shouldCarryARefusalAsItsMessage() {
        // act
        AgentReply<VerificationResult> reply = AgentReply.refused("pool web is not declared", new BufferedLog());

        // assert
        assertThat(reply.refused()).isTrue();
        assertThatThrownBy(reply::result).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pool web is not declared");
    }

    @Test
    void shouldTellPolicyFilesFromLoadBalancerConfigs() {
        assertThat(PoolSource.isPolicyFile(".releasegate.yml")).isTrue();
        assertThat(PoolSource.isPolicyFile("lb/prod.releasegate.yaml")).isTrue();
        assertThat(PoolSource.isPolicyFile("haproxy.cfg")).isFalse();
    }

    /** A git repository in the workspace: pool web (web-01, web-02) and a hold on web-02 ending at {@code until}. */
    private void repositoryWithHold(java.time.Instant until) throws Exception {
        try (io.releasegate.diff.ScratchRepository repo = io.releasegate.diff.ScratchRepository.init(workspace)) {
            repo.write("haproxy.cfg", "backend web\n    balance roundrobin\n    server web-01 127.0.0.1:1\n"
                    + "    server web-02 127.0.0.1:2\n");
            repo.write(".releasegate/holds.yml", "holds:\n  - pool: web\n    server: web-02\n    since: "
                    + until.minus(java.time.Duration.ofMinutes(30)) + "\n    until: " + until
                    + "\n    reason: load test\n    owner: alice\n");
            repo.commit("pool web, web-02 held", "Alice", "alice@example.org", java.time.Instant.now());
        }
    }

    @Test
    void shouldPassWithAHeldServerOutOfThePool() throws Exception {
        // arrange: web-02 out of the proxy's pool under a hold that lasts another 10 minutes
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        repositoryWithHold(java.time.Instant.now().plus(java.time.Duration.ofMinutes(10))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        // act
        VerificationSpec spec = VerificationSpec.builder(lb.url()).build();
        VerificationResult result = AgentVerification.run(workspace, spec, new PoolSource("web", null, "HEAD"), null,
                spec.rateBudget(), new BufferedLog());

        // assert
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).startsWith("web-02 is held until ")
                .contains("(hold by alice: load test)"));
    }

    @Test
    void shouldFailWhenAHeldServerIsStillOutAfterItsHold() throws Exception {
        // arrange: the same, but the hold ended a minute ago
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        repositoryWithHold(java.time.Instant.now().minus(java.time.Duration.ofMinutes(1))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        // act
        VerificationSpec spec = VerificationSpec.builder(lb.url()).build();
        VerificationResult result = AgentVerification.run(workspace, spec, new PoolSource("web", null, "HEAD"), null,
                spec.rateBudget(), new BufferedLog());

        // assert
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reasons().get(0)).contains("web-02 was due back at ")
                .contains("(hold by alice: load test) and is still out of pool web");
    }
}
