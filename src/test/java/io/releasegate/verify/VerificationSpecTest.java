package io.releasegate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one verification spec of the CLI, the policy's verify: section and the Jenkins steps. */
class VerificationSpecTest {
    private static final Pool DECLARED = new Pool("web", "leastconn", "", "haproxy.cfg", 10, List.of(
            Server.builder("web-01").address("10.0.0.1", 80).weight(3).build(),
            Server.builder("web-02").address("10.0.0.2", 80).build(),
            Server.builder("web-03").address("10.0.0.3", 80).backup(true).build()));

    @Test
    void shouldExpectTheDeclaredServersThatTakeTraffic() {
        // arrange
        VerificationSpec spec = VerificationSpec.builder("http://127.0.0.1:8080/").build();

        // act
        ExpectedPool expected = spec.expected(Optional.of(DECLARED));

        // assert
        assertThat(expected.name()).isEqualTo("web");
        assertThat(expected.algorithm()).isEqualTo("leastconn");
        assertThat(expected.shares()).containsOnlyKeys("web-01", "web-02").containsEntry("web-01", 0.75);
    }

    @Test
    void shouldNameAnExplicitListAfterTheDeclarationOrTheGivenPool() {
        // arrange
        VerificationSpec spec = VerificationSpec.builder("http://127.0.0.1:8080/").expect("a=1,b=1")
                .pool("backend-x").build();

        // act
        ExpectedPool declared = spec.expected(Optional.of(DECLARED));
        ExpectedPool alone = spec.expected(Optional.empty());

        // assert: the declaration's name and algorithm win; without one, the pool given
        assertThat(declared.name()).isEqualTo("web");
        assertThat(declared.algorithm()).isEqualTo("leastconn");
        assertThat(declared.names()).containsExactly("a", "b");
        assertThat(alone.name()).isEqualTo("backend-x");
        assertThat(alone.algorithm()).isEmpty();
    }

    @Test
    void shouldPlanTheRequestAndEveryLiveCheckOnce() {
        // arrange: the options the Jenkins step lacked before (stats page, latency, timeout) included
        VerificationSpec spec = VerificationSpec.builder("http://127.0.0.1:8080/").identify("header:X-Backend")
                .requests(300).rate(20).concurrency(2).alpha(0.01).maxErrorRate(0.05)
                .timeout(Duration.ofMillis(750)).deadline(Duration.ofSeconds(30)).healthPath("/health")
                .latencyP95Ms(250).haproxySocket("/run/haproxy/admin.sock")
                .stats("http://127.0.0.1:8404/stats;csv").build();

        // act
        VerificationSpec.Plan plan = spec.plan(Optional.of(DECLARED), 2);

        // assert
        VerificationRequest request = plan.request();
        assertThat(request.identify()).isEqualTo(new BackendIdentifier("header", "X-Backend"));
        assertThat(request.requests()).isEqualTo(300);
        assertThat(request.rate()).isEqualTo(20);
        assertThat(request.concurrency()).isEqualTo(2);
        assertThat(request.poolAlpha()).isEqualTo(0.005);
        assertThat(request.maxErrorRate()).isEqualTo(0.05);
        assertThat(request.timeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(request.deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.liveChecks()).as("health, drift from the socket, drift from the stats page").hasSize(3);
        assertThat(spec.live().health().timeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(spec.live().health().latencyP95Ms()).isEqualTo(250);
    }

    @Test
    void shouldRefuseBadValuesWhenBuiltNotWhenRun() {
        // act + assert: the same messages as release-gate verify, before anything is deployed
        assertThatThrownBy(() -> VerificationSpec.builder("lb.example:8080").build())
                .hasMessage("lb 'lb.example:8080': expected an http:// or https:// URL");
        assertThatThrownBy(() -> VerificationSpec.builder("http://ops:s3cret@lb:0/").optionPrefix("--").build())
                .hasMessage("--lb 'http://***@lb:0/': the port 0 is out of range (1 to 65535)");
        assertThatThrownBy(() -> VerificationSpec.builder("http://lb/").rate(-1).build())
                .hasMessageContaining("--rate must be 0 (no cap) or more");
        assertThatThrownBy(() -> VerificationSpec.builder("http://lb/").expect("web-01=0").build())
                .hasMessageContaining("weight 0");
        assertThatThrownBy(() -> VerificationSpec.builder("http://lb/").identify("nowhere:x").build())
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> VerificationSpec.builder("http://lb/").healthUrl("web-01").build())
                .hasMessageContaining("is not NAME=URL");
        assertThatThrownBy(() -> VerificationSpec.builder("http://lb/").stats("stats.csv").build())
                .hasMessage("stats 'stats.csv': expected an http:// or https:// URL");
        assertThatThrownBy(() -> VerificationSpec.builder("http://lb/").optionPrefix("verify.")
                .healthUrl("web-01=http://lb:99999/health").build())
                .hasMessage("verify.health web-01 'http://lb:99999/health': the port 99999 is out of range (1 to 65535)");
        assertThatThrownBy(() -> VerificationSpec.builder(" ").build())
                .hasMessage("give the load balancer's URL");
    }

    @Test
    void shouldRefuseAHealthPathWithoutServerAddresses() {
        // arrange
        VerificationSpec spec = VerificationSpec.builder("http://lb/").expect("web-01,web-02").healthPath("/health")
                .build();

        // act + assert
        assertThatThrownBy(() -> spec.plan(Optional.empty(), 1))
                .hasMessageStartingWith("the health path needs the servers' addresses");
    }

    @Test
    void shouldCrossTheAgentChannelWhole() throws Exception {
        // arrange
        VerificationSpec spec = VerificationSpec.builder("http://127.0.0.1:8080/").expect("web-01,web-02")
                .healthUrl("web-01=http://10.0.0.1/health").stats("http://127.0.0.1:8404/;csv").build();

        // act
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }

        // assert
        assertThat(back).isEqualTo(spec);
    }
}
