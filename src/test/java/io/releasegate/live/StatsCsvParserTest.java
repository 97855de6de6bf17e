package io.releasegate.live;

import io.releasegate.testing.Captured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatsCsvParserTest {
    private static final String SOURCE = "stats page http://127.0.0.1:9000/stats;csv";

    @ParameterizedTest
    @ValueSource(strings = {"show-stat-maint.csv", "show-stat-maint-shuffled.csv", "show-stat-maint-reversed.csv"})
    void shouldReadTheSameServersWhateverTheColumnOrder(String resource) throws Exception {
        // arrange
        String csv = Captured.read(resource);

        // act
        LiveBackend web = StatsCsvParser.parse(csv, "web", SOURCE);

        // assert
        assertThat(web.exists()).isTrue();
        assertThat(web.servers()).containsExactly(
                new LiveServer("web-01", "127.0.0.1:18081", OperationalState.UP, AdminState.READY, "", 1, ""),
                new LiveServer("web-02", "127.0.0.1:18082", OperationalState.DOWN, AdminState.MAINT,
                        "set by the runtime API or disabled in the live configuration", 1, ""),
                new LiveServer("web-03", "127.0.0.1:18083", OperationalState.DOWN, AdminState.READY, "", 2,
                        "L7STS 503, Layer7 wrong status"),
                new LiveServer("web-04", "127.0.0.1:18084", OperationalState.DOWN, AdminState.MAINT,
                        "set by the runtime API or disabled in the live configuration", 1, ""));
    }

    @Test
    void shouldAgreeWithTheServersStateOnTheSameHaproxy() throws Exception {
        // arrange: captured a moment apart from the same process
        String csv = Captured.read("show-stat-drain.csv");
        String state = Captured.read("servers-state-drain.txt");

        // act
        LiveBackend fromCsv = StatsCsvParser.parse(csv, "web", SOURCE);
        LiveBackend fromSocket = ServersStateParser.parse(state, "web", SOURCE);

        // assert
        for (LiveServer server : fromSocket.servers()) {
            LiveServer other = fromCsv.server(server.name()).orElseThrow();
            assertThat(other.adminState()).as(server.name()).isEqualTo(server.adminState());
            assertThat(other.operationalState()).as(server.name()).isEqualTo(server.operationalState());
            assertThat(other.weight()).as(server.name()).isEqualTo(server.weight());
            assertThat(other.address()).as(server.name()).isEqualTo(server.address());
        }
    }

    @Test
    void shouldReadDrainAndWeightFromTheStatsCsv() throws Exception {
        // arrange
        String drain = Captured.read("show-stat-drain.csv");
        String weight = Captured.read("show-stat-weight.csv");

        // act
        LiveServer drained = StatsCsvParser.parse(drain, "web", SOURCE).server("web-02").orElseThrow();
        LiveServer weighted = StatsCsvParser.parse(weight, "web", SOURCE).server("web-02").orElseThrow();

        // assert
        assertThat(drained.adminState()).isEqualTo(AdminState.DRAIN);
        assertThat(weighted.adminState()).isEqualTo(AdminState.READY);
        assertThat(weighted.weight()).isEqualTo(5);
    }

    @Test
    void shouldReadTheStatsPageWithoutAddressesAndWithLegends() throws Exception {
        // arrange: without 'stats show-legends' the page leaves addr empty
        String plain = Captured.read("stats-page-maint.csv");
        String legends = Captured.read("stats-page-track.csv");

        // act
        LiveBackend web = StatsCsvParser.parse(plain, "web", SOURCE);
        LiveBackend app = StatsCsvParser.parse(legends, "app", SOURCE);

        // assert
        assertThat(web.server("web-02").orElseThrow().adminState()).isEqualTo(AdminState.MAINT);
        assertThat(web.servers()).allSatisfy(server -> assertThat(server.address()).isEmpty());
        assertThat(app.server("app-1").orElseThrow().address()).isEqualTo("127.0.0.1:18081");
        assertThat(app.server("app-2").orElseThrow().adminOrigin())
                .isEqualTo("inherited from the server it tracks, app/app-1");
        assertThat(app.server("app-3").orElseThrow().weight()).isZero();
        assertThat(app.server("app-4").orElseThrow().takesTraffic()).isTrue();
    }

    @Test
    void shouldReportABackendThatIsNotThereAsMissing() throws Exception {
        // arrange
        String csv = Captured.read("show-stat-maint.csv");

        // act
        LiveBackend other = StatsCsvParser.parse(csv, "api", SOURCE);

        // assert
        assertThat(other.exists()).isFalse();
    }

    @Test
    void shouldReadQuotedFieldsAndTransitionalStates() throws Exception {
        // arrange
        String csv = "# pxname,svname,status,weight,check_desc,addr\n"
                + "web,web-01,UP 1/3,1,\"slow, but passing\",10.0.0.1:80\n"
                + "web,web-02,DOWN 1/2,1,\"said \"\"no\"\"\",10.0.0.2:80\n"
                + "web,web-03,NOLB,1,,10.0.0.3:80\n";

        // act
        LiveBackend web = StatsCsvParser.parse(csv, "web", SOURCE);

        // assert
        assertThat(web.servers()).extracting(LiveServer::operationalState)
                .containsExactly(OperationalState.UP, OperationalState.DOWN, OperationalState.STOPPING);
        assertThat(web.server("web-02").orElseThrow().checkDetail()).isEqualTo("said \"no\"");
    }

    @Test
    void shouldRejectAPageThatIsNotStatsCsv() {
        // arrange
        String html = "<html><body>HAProxy statistics</body></html>";
        String noStatus = "# pxname,svname,weight\nweb,web-01,1\n";
        String badStatus = "# pxname,svname,status,weight\nweb,web-01,SLEEPING,1\n";

        // act + assert
        assertThatThrownBy(() -> StatsCsvParser.parse(html, "web", SOURCE))
                .isInstanceOf(LiveStateException.class).hasMessageContaining("not HAProxy stats CSV");
        assertThatThrownBy(() -> StatsCsvParser.parse(noStatus, "web", SOURCE))
                .hasMessageContaining("no 'status' column");
        assertThatThrownBy(() -> StatsCsvParser.parse(badStatus, "web", SOURCE))
                .hasMessageContaining("line 2").hasMessageContaining("unknown server status 'SLEEPING'");
    }
}
