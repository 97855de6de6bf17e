package io.releasegate.config.poolfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.config.SourceResolver;
import io.releasegate.testing.ScenarioRepo;
import org.junit.jupiter.api.Test;

class PoolFileParserTest {
    private final PoolFileParser parser = new PoolFileParser();

    @Test
    void shouldReadTheIncidentPool() throws Exception {
        String text = ScenarioRepo.fixture("poolfile/incident-before.yml");

        ConfigFile file = parser.parse("pools.yml", text, SourceResolver.NONE);

        Pool web = file.pool("web").orElseThrow();
        assertThat(web.algorithm()).isEqualTo("roundrobin");
        assertThat(web.healthCheck()).isEqualTo("http GET /health");
        assertThat(web.line()).isEqualTo(4);
        assertThat(web.servers()).extracting(Server::name, Server::address, Server::weight, Server::healthCheck)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("web-01", "127.0.0.1:8081", 1, true),
                        org.assertj.core.groups.Tuple.tuple("web-02", "127.0.0.1:8082", 1, true));
        assertThat(web.servers().get(1).line()).isEqualTo(8);
    }

    @Test
    void shouldReadJsonWithBackupAndIpv6() throws Exception {
        String text = ScenarioRepo.fixture("poolfile/cloud-lb.json");

        ConfigFile file = parser.parse("cloud-lb.json", text, SourceResolver.NONE);

        Pool api = file.pool("api").orElseThrow();
        assertThat(api.activeServers()).extracting(Server::name).containsExactly("api-a", "api-b");
        assertThat(api.backupServers()).extracting(Server::name).containsExactly("api-c");
        assertThat(api.server("api-c").orElseThrow().host()).isEqualTo("2001:db8::12");
        assertThat(api.server("api-c").orElseThrow().address()).isEqualTo("[2001:db8::12]:8443");
        assertThat(api.totalWeight()).isEqualTo(4);
    }

    @Test
    void shouldNameTheLineAndKeyOfAnUnknownKey() {
        String text = "pools:\n  web:\n    servers:\n      a: {address: 10.0.0.1:80, wieght: 2}\n";

        assertThatThrownBy(() -> parser.parse("p.yml", text, SourceResolver.NONE))
                .isInstanceOf(ConfigParseException.class)
                .hasMessageContaining("p.yml:4")
                .hasMessageContaining("unknown key 'wieght'");
    }

    @Test
    void shouldRejectAWeightOutOfRange() {
        String text = "pools:\n  web:\n    servers:\n      a: {address: 10.0.0.1:80, weight: -1}\n";

        assertThatThrownBy(() -> parser.parse("p.yml", text, SourceResolver.NONE))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.reason()).contains("pools.web.servers.a.weight").contains("between 0 and");
                });
    }

    @Test
    void shouldRejectAMissingAddressAndABadPort() {
        assertThatThrownBy(() -> parser.parse("p.yml", "pools:\n  web:\n    servers:\n      a: {weight: 1}\n",
                SourceResolver.NONE)).hasMessageContaining("has no address");
        assertThatThrownBy(() -> parser.parse("p.yml",
                "pools:\n  web:\n    servers:\n      a: {address: '10.0.0.1:99999'}\n", SourceResolver.NONE))
                .hasMessageContaining("invalid port");
    }

    @Test
    void shouldRejectDuplicateServerNamesWithTheirLine() {
        String text = "pools:\n  web:\n    servers:\n      a: {address: 10.0.0.1:80}\n      a: {address: 10.0.0.2:80}\n";

        assertThatThrownBy(() -> parser.parse("p.yml", text, SourceResolver.NONE))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.reason()).containsIgnoringCase("duplicate");
                });
    }

    @Test
    void shouldReportBrokenYamlAsAParseErrorWithALine() {
        String text = "pools:\n  web:\n    servers: [\n";

        assertThatThrownBy(() -> parser.parse("p.yml", text, SourceResolver.NONE))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> assertThat(e.line()).isPositive());
    }

    @Test
    void shouldRequirePoolsAndServers() {
        assertThatThrownBy(() -> parser.parse("p.yml", "version: 1\n", SourceResolver.NONE))
                .hasMessageContaining("needs a 'pools' mapping");
        assertThatThrownBy(() -> parser.parse("p.yml", "pools:\n  web:\n    algorithm: roundrobin\n",
                SourceResolver.NONE)).hasMessageContaining("has no 'servers'");
    }
}
