package io.releasegate.verify.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTargetTest {
    @Test
    void shouldProbeEachServerOfThePoolAtItsOwnAddress() {
        // arrange
        Pool pool = new Pool("web", "roundrobin", "", "haproxy.cfg", 1, List.of(
                Server.builder("web-01").address("10.0.0.1", 8080).build(),
                Server.builder("web-02").address("10.0.0.2", 8080).backup(true).build(),
                Server.builder("web-03").address("10.0.0.3", 8080).disabled(true).build(),
                Server.builder("web-04").address("::1", 8080).build()));

        // act
        List<HealthTarget> targets = HealthTarget.fromPool(pool, "health");

        // assert
        assertThat(targets).containsExactly(
                new HealthTarget("web-01", URI.create("http://10.0.0.1:8080/health")),
                new HealthTarget("web-02", URI.create("http://10.0.0.2:8080/health")),
                new HealthTarget("web-04", URI.create("http://[::1]:8080/health")));
    }

    @Test
    void shouldParseNameEqualsUrl() {
        // act
        HealthTarget target = HealthTarget.parse("web-01=http://127.0.0.1:8081/ready?deep=1");

        // assert
        assertThat(target.server()).isEqualTo("web-01");
        assertThat(target.url()).isEqualTo(URI.create("http://127.0.0.1:8081/ready?deep=1"));
    }

    @Test
    void shouldRejectBadTargetsAndOptionsInWords() {
        // act + assert
        assertThatThrownBy(() -> HealthTarget.parse("http://127.0.0.1/health"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not NAME=URL");
        assertThatThrownBy(() -> HealthTarget.parse("web-01=ftp://host/health"))
                .hasMessage("--health web-01 'ftp://host/health': expected an http:// or https:// URL");
        assertThatThrownBy(() -> HealthTarget.parse("web-01=http://ops:s3cret@127.0.0.1:0/health"))
                .hasMessage("--health web-01 'http://***@127.0.0.1:0/health': the port 0 is out of range (1 to "
                        + "65535)");
        assertThatThrownBy(() -> HealthOptions.DEFAULTS.withProbes(21)).hasMessageContaining("between 1 and 20");
        assertThatThrownBy(() -> HealthOptions.DEFAULTS.withTimeout(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> HealthOptions.DEFAULTS.withBodyRegex("(")).hasMessageContaining("is invalid");
    }
}
