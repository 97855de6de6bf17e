package io.releasegate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedPoolTest {
    @Test
    void shouldParseEqualWeights() {
        ExpectedPool pool = ExpectedPool.parse("web-01,web-02");

        assertThat(pool.shares()).containsExactly(java.util.Map.entry("web-01", 0.5), java.util.Map.entry("web-02", 0.5));
        assertThat(pool.mode()).isEqualTo(BalanceMode.WEIGHTED);
    }

    @Test
    void shouldParseWeights() {
        ExpectedPool pool = ExpectedPool.parse(" web-01=3 , web-02=1");

        assertThat(pool.shares()).containsEntry("web-01", 0.75).containsEntry("web-02", 0.25);
    }

    @Test
    void shouldRejectBadSyntaxNamingTheEntry() {
        assertThatThrownBy(() -> ExpectedPool.parse("web-01=three,web-02"))
                .hasMessageContaining("cannot read 'web-01=three'");
        assertThatThrownBy(() -> ExpectedPool.parse("web-01,,web-02")).hasMessageContaining("cannot read ''");
        assertThatThrownBy(() -> ExpectedPool.parse("web-01,web-01")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> ExpectedPool.parse("web-01=0")).hasMessageContaining("weight 0");
        assertThatThrownBy(() -> ExpectedPool.parse(" ")).hasMessageContaining("--expect is empty");
    }

    @Test
    void shouldTakeOnlyServersThatTakeTrafficFromAPool() {
        Pool pool = new Pool("web", "roundrobin", "", "haproxy.cfg", 10, List.of(
                Server.builder("web-01").address("10.0.0.1", 80).weight(2).build(),
                Server.builder("web-02").address("10.0.0.2", 80).build(),
                Server.builder("spare").address("10.0.0.3", 80).backup(true).build(),
                Server.builder("old").address("10.0.0.4", 80).disabled(true).build()));

        ExpectedPool expected = ExpectedPool.fromPool(pool);

        assertThat(expected.names()).containsExactly("web-01", "web-02");
        assertThat(expected.shares().get("web-01")).isEqualTo(2 / 3.0);
    }

    @Test
    void shouldRejectAPoolWithoutServersThatTakeTraffic() {
        Pool pool = new Pool("web", "roundrobin", "", "haproxy.cfg", 10, List.of(
                Server.builder("spare").address("10.0.0.3", 80).backup(true).build()));

        assertThatThrownBy(() -> ExpectedPool.fromPool(pool)).hasMessageContaining("haproxy.cfg:10")
                .hasMessageContaining("no server that takes traffic");
    }

    @Test
    void shouldResolveNamesAndAddressesIncludingNginxUpstreamLists() {
        Pool pool = new Pool("web", "", "", "nginx.conf", 3, List.of(
                Server.builder("10.0.0.1:8080").address("10.0.0.1", 8080).build(),
                Server.builder("api").address("10.0.0.2", 8080).build()));
        ExpectedPool expected = ExpectedPool.fromPool(pool);

        assertThat(expected.resolve("10.0.0.1:8080")).contains("10.0.0.1:8080");
        assertThat(expected.resolve("10.0.0.2:8080")).contains("api");
        assertThat(expected.resolve("10.0.0.1:8080, 10.0.0.2:8080")).contains("api");
        assertThat(expected.resolve("10.0.0.9:8080")).isEmpty();
        assertThat(ExpectedPool.lastOfList("a : b")).isEqualTo("b");
    }

    @Test
    void shouldPutAllTrafficOnTheFirstServerForBalanceFirst() {
        ExpectedPool pool = ExpectedPool.parse("web-01,web-02").withAlgorithm("first");

        assertThat(pool.shares()).containsEntry("web-01", 1.0).containsEntry("web-02", 0.0);
    }

    @Test
    void shouldClassifyAlgorithms() {
        assertThat(BalanceMode.of("roundrobin")).isEqualTo(BalanceMode.WEIGHTED);
        assertThat(BalanceMode.of("static-rr")).isEqualTo(BalanceMode.WEIGHTED);
        assertThat(BalanceMode.of("")).isEqualTo(BalanceMode.WEIGHTED);
        assertThat(BalanceMode.of("leastconn")).isEqualTo(BalanceMode.LOAD_AWARE);
        assertThat(BalanceMode.of("least_conn")).isEqualTo(BalanceMode.LOAD_AWARE);
        assertThat(BalanceMode.of("random(2)")).isEqualTo(BalanceMode.LOAD_AWARE);
        assertThat(BalanceMode.of("random two least_conn")).isEqualTo(BalanceMode.LOAD_AWARE);
        assertThat(BalanceMode.of("uri whole")).isEqualTo(BalanceMode.REQUEST_HASH);
        assertThat(BalanceMode.of("hash $request_uri consistent")).isEqualTo(BalanceMode.REQUEST_HASH);
        assertThat(BalanceMode.of("source")).isEqualTo(BalanceMode.CLIENT_BOUND);
        assertThat(BalanceMode.of("ip_hash")).isEqualTo(BalanceMode.CLIENT_BOUND);
        assertThat(BalanceMode.of("hdr(host)")).isEqualTo(BalanceMode.CLIENT_BOUND);
        assertThat(BalanceMode.of("first")).isEqualTo(BalanceMode.FIRST);
    }

    @Test
    void shouldVaryThePathForUriAndTheQueryForOtherRequestHashes() {
        java.net.URI base = java.net.URI.create("http://lb:8080/app?x=1");

        assertThat(RequestVariation.of(ExpectedPool.parse("a,b").withAlgorithm("uri")).uri(base, 7))
                .hasToString("http://lb:8080/app/rg-probe-7?x=1");
        assertThat(RequestVariation.of(ExpectedPool.parse("a,b").withAlgorithm("url_param userid")).uri(base, 7))
                .hasToString("http://lb:8080/app?x=1&userid=7");
        assertThat(RequestVariation.of(ExpectedPool.parse("a,b").withAlgorithm("hash $request_uri")).uri(base, 7))
                .hasToString("http://lb:8080/app?x=1&rg-probe=7");
        assertThat(RequestVariation.of(ExpectedPool.parse("a,b")).uri(base, 7)).isEqualTo(base);
    }

    @Test
    void shouldGiveBackTheDeclaredHostsAndPortsAsAPool() {
        // arrange
        Pool declared = new Pool("web", "roundrobin", "", "haproxy.cfg", 3, List.of(
                Server.builder("web-01").address("10.0.0.1", 8080).build(),
                Server.builder("web-02").address("::1", 8081).weight(2).build(),
                Server.builder("web-03").host("app.internal").build()));

        // act
        Pool pool = ExpectedPool.fromPool(declared).toPool();

        // assert
        assertThat(pool.servers()).extracting(Server::name, Server::host, Server::port, Server::weight)
                .containsExactly(tuple("web-01", "10.0.0.1", 8080, 1), tuple("web-02", "::1", 8081, 2),
                        tuple("web-03", "app.internal", 0, 1));
        assertThat(pool.servers()).extracting(Server::address)
                .containsExactly("10.0.0.1:8080", "[::1]:8081", "app.internal");
    }
}
