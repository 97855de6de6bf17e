package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolDiffTest {
    private static Server server(String name, int port) {
        return Server.builder(name).address("10.0.0." + port, 80).healthCheck(true).line(port).build();
    }

    private static Pool pool(String algorithm, Server... servers) {
        return new Pool("web", algorithm, "tcp", "lb.cfg", 1, List.of(servers));
    }

    @Test
    void shouldReportTheIncidentAsRemovalCapacityLossAndSinglePointOfFailure() {
        Pool before = pool("roundrobin", server("web-01", 1), server("web-02", 2));
        Pool after = pool("roundrobin", server("web-01", 1));

        List<Change> changes = PoolDiff.compare("lb.cfg", before, after);

        assertThat(changes).extracting(Change::kind).containsExactly(ChangeKind.SERVER_REMOVED,
                ChangeKind.CAPACITY_REDUCED, ChangeKind.SINGLE_POINT_OF_FAILURE);
        assertThat(changes.get(0).message()).isEqualTo(
                "Server web-02 (10.0.0.2:80) removed from pool web; it took 50% of the pool's traffic (weight 1 of 2).");
        assertThat(changes.get(1).message()).contains("loses 50% of its capacity").contains("web-02");
        assertThat(changes.get(1)).extracting(Change::before, Change::after).containsExactly("2", "1");
        assertThat(changes.get(2).message()).contains("left with 1 server (web-01)").contains("single point");
    }

    @Test
    void shouldReportEachServerAttributeChange() {
        Server old = server("web-01", 1);
        Server now = Server.builder("web-01").address("10.0.0.9", 80).weight(3).backup(true).disabled(true)
                .healthCheck(false).param("maxconn", "50").line(1).build();

        List<Change> changes = PoolDiff.compare("lb.cfg", pool("roundrobin", old, server("b", 2), server("c", 3)),
                pool("leastconn", now, server("b", 2), server("c", 3)));

        assertThat(changes).extracting(Change::kind).containsExactly(ChangeKind.ALGORITHM_CHANGED,
                ChangeKind.ADDRESS_CHANGED, ChangeKind.SERVER_DISABLED, ChangeKind.SERVER_BACKUP_SET,
                ChangeKind.WEIGHT_CHANGED, ChangeKind.HEALTH_CHECK_REMOVED, ChangeKind.OTHER_CHANGE,
                ChangeKind.CAPACITY_REDUCED);
        assertThat(changes.get(4)).extracting(Change::before, Change::after).containsExactly("1", "3");
        assertThat(changes.get(7).message()).contains("loses 33%");
    }

    @Test
    void shouldReportTheReverseChangesWithoutCapacityLoss() {
        Server disabled = Server.builder("web-01").address("10.0.0.1", 80).backup(true).disabled(true).line(1).build();

        List<Change> changes = PoolDiff.compare("lb.cfg", pool("roundrobin", disabled, server("b", 2), server("c", 3)),
                pool("roundrobin", server("web-01", 1), server("b", 2), server("c", 3)));

        assertThat(changes).extracting(Change::kind).containsExactly(ChangeKind.SERVER_ENABLED,
                ChangeKind.SERVER_BACKUP_CLEARED, ChangeKind.HEALTH_CHECK_ADDED);
    }

    @Test
    void shouldTreatWeightZeroAsLostCapacity() {
        Server zero = Server.builder("web-02").address("10.0.0.2", 80).weight(0).healthCheck(true).line(2).build();

        List<Change> changes = PoolDiff.compare("lb.cfg", pool("roundrobin", server("web-01", 1), server("web-02", 2)),
                pool("roundrobin", server("web-01", 1), zero));

        assertThat(changes).extracting(Change::kind).containsExactly(ChangeKind.WEIGHT_CHANGED,
                ChangeKind.CAPACITY_REDUCED, ChangeKind.SINGLE_POINT_OF_FAILURE);
        assertThat(changes.get(0).message()).endsWith("weight 1 -> 0: it takes no traffic.");
    }

    @Test
    void shouldFindNoChangeWhenOnlyOrderAndLinesDiffer() {
        Pool before = pool("roundrobin", server("web-01", 1), server("web-02", 2));
        Pool after = new Pool("web", "roundrobin", "tcp", "lb.cfg", 40,
                List.of(server("web-02", 2).withLine(41), server("web-01", 1).withLine(42)));

        List<Change> changes = PoolDiff.compare("lb.cfg", before, after);

        assertThat(changes).isEmpty();
    }

    @Test
    void shouldReportAddedAndRemovedPools() {
        Pool single = pool("roundrobin", server("only", 1));

        List<Change> added = PoolDiff.compare("lb.cfg", null, single);
        List<Change> removed = PoolDiff.compare("lb.cfg", single, null);

        assertThat(added).extracting(Change::kind).containsExactly(ChangeKind.POOL_ADDED,
                ChangeKind.SINGLE_POINT_OF_FAILURE);
        assertThat(removed).extracting(Change::kind).containsExactly(ChangeKind.POOL_REMOVED);
    }

    private static Server twin(int line, boolean down) {
        return Server.builder("127.0.0.1:8081").address("127.0.0.1", 8081).disabled(down).healthCheck(true).line(line)
                .build();
    }

    private static Pool upstream(Server... servers) {
        return new Pool("u", "roundrobin", "passive", "nginx.conf", 10, List.of(servers));
    }

    @Test
    void shouldReportDeletingOneOfThreeIdenticalServersAsThatPeerRemovedWithItsCapacity() {
        // arrange: nginx-tests upstream with "server 127.0.0.1:8081;" three times; the second line is deleted
        Pool before = upstream(twin(11, false), twin(12, false), twin(13, false));
        Pool after = upstream(twin(11, false), twin(12, false));

        // act
        List<Change> changes = PoolDiff.compare("nginx.conf", before, after);

        // assert
        assertThat(changes).extracting(Change::kind, Change::server).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChangeKind.SERVER_REMOVED, "127.0.0.1:8081"),
                org.assertj.core.groups.Tuple.tuple(ChangeKind.CAPACITY_REDUCED, ""));
        assertThat(changes.get(0).message()).isEqualTo("Server 127.0.0.1:8081 (line 13, one of 3 servers at that "
                + "address) removed from pool u; it took 33% of the pool's traffic (weight 1 of 3).");
        assertThat(changes.get(1)).extracting(Change::before, Change::after).containsExactly("3", "2");
    }

    @Test
    void shouldFindNoChangeWhenTwinsWithDifferentStatesAreReordered() {
        // arrange: nginx-tests stream_upstream.conf, upstream u2: "127.0.0.1:8086 down" and "127.0.0.1:8086"
        Pool before = upstream(twin(20, true), twin(21, false));
        Pool after = upstream(twin(30, false), twin(31, true));

        // act
        List<Change> changes = PoolDiff.compare("nginx.conf", before, after);

        // assert
        assertThat(changes).isEmpty();
    }

    @Test
    void shouldReportMarkingOneTwinDownAsThatPeerDisabled() {
        Pool before = upstream(twin(11, false), twin(12, false), twin(13, false));
        Pool after = upstream(twin(11, false), twin(12, true), twin(13, false));

        List<Change> changes = PoolDiff.compare("nginx.conf", before, after);

        assertThat(changes).extracting(Change::kind, Change::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChangeKind.SERVER_DISABLED, 12),
                org.assertj.core.groups.Tuple.tuple(ChangeKind.CAPACITY_REDUCED, 10));
        assertThat(changes.get(0).message()).isEqualTo("Server 127.0.0.1:8081 (line 12, one of 3 servers at that "
                + "address) in pool u is disabled: it takes no traffic.");
        assertThat(changes.get(1).message()).isEqualTo("Pool u loses 33% of its capacity: 127.0.0.1:8081 (line 12, "
                + "one of 3 servers at that address) no longer takes traffic (weight 1 of 3).");
    }

    @Test
    void shouldSayThatARemovedServerWasConditional() {
        Server always = server("web-01", 1);
        Server tls13 = Server.builder("web-02").address("10.0.0.2", 80).line(2)
                .condition("openssl_version_atleast(1.1.1)").build();

        List<Change> changes = PoolDiff.compare("lb.cfg", pool("roundrobin", always, tls13),
                pool("roundrobin", always));

        assertThat(changes.get(0).message()).startsWith(
                "Server web-02 (10.0.0.2:80) [only if openssl_version_atleast(1.1.1)] removed from pool web");
        assertThat(changes.get(0).before()).endsWith("only if openssl_version_atleast(1.1.1)");
    }
}
