package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasegate.agent.AgentReply;
import io.jenkins.plugins.releasegate.agent.AgentVerification;
import io.jenkins.plugins.releasegate.agent.HoldInForce;
import io.jenkins.plugins.releasegate.agent.PoolSource;
import io.jenkins.plugins.releasegate.agent.VerifiedPool;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
                spec.rateBudget(), Clock.systemUTC(), log).result();

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
                "HEAD"), null, spec.rateBudget(), Clock.systemUTC(), new BufferedLog()).result();

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
                null, spec.rateBudget(), Clock.systemUTC(), new BufferedLog()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.cfg");
    }

    @Test
    void shouldSendTheTypedResultAndTheLogOverTheChannel() throws Exception {
        // arrange: what the agent sends back, through Java serialization as remoting does
        lb = RoundRobinBalancer.healthy();
        BufferedLog agentLog = new BufferedLog();
        VerificationSpec spec = expecting("web-01,web-02");
        VerifiedPool result = AgentVerification.run(workspace, spec, PoolSource.none(), null,
                spec.rateBudget(), Clock.systemUTC(), agentLog);
        agentLog.warn("only %d requests", 12);
        AgentReply<VerifiedPool> reply = AgentReply.of(result, agentLog);

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
        AgentReply<VerifiedPool> reply = AgentReply.refused("pool web is not declared", new BufferedLog());

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
    private void repositoryWithHold(Instant until) throws Exception {
        try (io.releasegate.diff.ScratchRepository repo = io.releasegate.diff.ScratchRepository.init(workspace)) {
            repo.write("haproxy.cfg", "backend web\n    balance roundrobin\n    server web-01 127.0.0.1:1\n"
                    + "    server web-02 127.0.0.1:2\n");
            repo.write(".releasegate/holds.yml", "holds:\n  - pool: web\n    server: web-02\n    since: "
                    + until.minus(Duration.ofMinutes(30)) + "\n    until: " + until
                    + "\n    reason: load test\n    owner: alice\n");
            repo.commit("pool web, web-02 held", "Alice", "alice@example.org", Instant.now());
        }
    }

    /** A verification of pool web of the workspace's repository at HEAD, its holds judged at {@code clock}. */
    private VerifiedPool verifyWeb(Clock clock) throws Exception {
        VerificationSpec spec = VerificationSpec.builder(lb.url()).build();
        return AgentVerification.run(workspace, spec, new PoolSource("web", null, "HEAD"), null, spec.rateBudget(),
                clock, new BufferedLog());
    }

    @Test
    void shouldPassWithAHeldServerOutOfThePool() throws Exception {
        // arrange: web-02 out of the proxy's pool under a hold that lasts another 10 minutes
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        repositoryWithHold(Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS));

        // act
        VerificationSpec spec = VerificationSpec.builder(lb.url()).build();
        VerificationResult result = AgentVerification.run(workspace, spec, new PoolSource("web", null, "HEAD"), null,
                spec.rateBudget(), Clock.systemUTC(), new BufferedLog()).result();

        // assert
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).startsWith("web-02 is held until ")
                .contains("(hold by alice: load test)"));
    }

    @Test
    void shouldFailWhenAHeldServerIsStillOutAfterItsHold() throws Exception {
        // arrange: the same, but the hold ended a minute ago
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        repositoryWithHold(Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS));

        // act
        VerificationSpec spec = VerificationSpec.builder(lb.url()).build();
        VerificationResult result = AgentVerification.run(workspace, spec, new PoolSource("web", null, "HEAD"), null,
                spec.rateBudget(), Clock.systemUTC(), new BufferedLog()).result();

        // assert
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reasons().get(0)).contains("web-02 was due back at ")
                .contains("(hold by alice: load test) and is still out of pool web");
    }

    @Test
    void shouldCarryAHeldServerWithItsOwnerReasonEndAndTimeLeft() throws Exception {
        // arrange: web-02 out of the proxy's pool under a hold that ends 10 minutes after the verification's time
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        repositoryWithHold(at.plus(Duration.ofMinutes(10)));

        // act
        VerifiedPool verified = verifyWeb(Clock.fixed(at, ZoneOffset.UTC));

        // assert: the hold in force, with what the verdict says about it
        assertThat(verified.result().verdict()).isEqualTo(Verdict.PASS);
        assertThat(verified.holds()).hasSize(1);
        HoldInForce held = verified.holds().get(0);
        assertThat(held.state()).isEqualTo(HoldInForce.State.HELD);
        assertThat(held.hold().target()).isEqualTo("web/web-02");
        assertThat(held.hold().owner()).isEqualTo("alice");
        assertThat(held.hold().reason()).isEqualTo("load test");
        assertThat(held.hold().until()).isEqualTo(at.plus(Duration.ofMinutes(10)));
        assertThat(held.hold().where()).isEqualTo(".releasegate/holds.yml:2");
        assertThat(held.judgedAt()).isEqualTo(at);
        assertThat(held.left()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldCarryAnExpiredHoldWhoseServerIsStillOutAsOverdue() throws Exception {
        // arrange: the hold ended a minute before the verification's time, web-02 still out
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        repositoryWithHold(at.minus(Duration.ofMinutes(1)));

        // act
        VerifiedPool verified = verifyWeb(Clock.fixed(at, ZoneOffset.UTC));

        // assert: OVERDUE, for the same reason the verdict FAILs
        assertThat(verified.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verified.result().reasons().get(0)).contains("web-02 was due back at ");
        assertThat(verified.holds()).singleElement().satisfies(held -> {
            assertThat(held.state()).isEqualTo(HoldInForce.State.OVERDUE);
            assertThat(held.hold().owner()).isEqualTo("alice");
            assertThat(held.left()).isEqualTo(Duration.ofMinutes(-1));
        });
    }

    @Test
    void shouldLeaveOutAnExpiredHoldWhoseServerIsBack() throws Exception {
        // arrange: the hold ended a minute ago and web-02 is back in the proxy's pool
        lb = RoundRobinBalancer.healthy();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        repositoryWithHold(at.minus(Duration.ofMinutes(1)));

        // act
        VerifiedPool verified = verifyWeb(Clock.fixed(at, ZoneOffset.UTC));

        // assert: no longer in force, and the verdict says web-02 is back
        assertThat(verified.result().verdict()).isEqualTo(Verdict.PASS);
        assertThat(verified.result().checks("hold")).singleElement().satisfies(check -> assertThat(check.reason())
                .startsWith("web-02 is back in pool web"));
        assertThat(verified.holds()).isEmpty();
    }

    @Test
    void shouldJudgeTheHoldsAtOneInstantEvenWhenAHoldEndsDuringTheRequests() throws Exception {
        // arrange: a clock that reads the hold's last second first, and an hour later on every later reading
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        repositoryWithHold(at.plus(Duration.ofSeconds(1)));
        Clock ticking = new Clock() {
            private int readings;

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return readings++ == 0 ? at : at.plus(Duration.ofHours(1));
            }
        };

        // act
        VerifiedPool verified = verifyWeb(ticking);

        // assert: web-02 was held for the whole verification, and the page says what the verdict says
        assertThat(verified.result().verdict()).isEqualTo(Verdict.PASS);
        assertThat(verified.result().reasons()).anySatisfy(r -> assertThat(r).startsWith("web-02 is held until "));
        assertThat(verified.holds()).extracting(HoldInForce::state).containsExactly(HoldInForce.State.HELD);
    }

    @Test
    void shouldSendTheHoldsInForceOverTheChannel() throws Exception {
        // arrange
        lb = RoundRobinBalancer.withWeb02While(workspace.resolve("never-created"));
        repositoryWithHold(Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS));
        AgentReply<VerifiedPool> reply = AgentReply.of(verifyWeb(Clock.systemUTC()), new BufferedLog());

        // act: Java serialization, as remoting sends the reply
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(reply);
        }
        AgentReply<?> received;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            received = (AgentReply<?>) in.readObject();
        }

        // assert
        assertThat(received.result()).isEqualTo(reply.result());
        assertThat(((VerifiedPool) received.result()).holds()).extracting(h -> h.hold().owner())
                .containsExactly("alice");
    }
}
