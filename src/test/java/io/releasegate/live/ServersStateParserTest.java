package io.releasegate.live;

import io.releasegate.testing.Captured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServersStateParserTest {
    private static final String SOURCE = "runtime API /tmp/haproxy.sock";

    @Test
    void shouldReadMaintenanceSetOverTheRuntimeApi() throws Exception {
        // arrange
        String output = Captured.read("servers-state-maint.txt");

        // act
        LiveBackend web = ServersStateParser.parse(output, "web", SOURCE);

        // assert
        assertThat(web.exists()).isTrue();
        assertThat(web.source()).isEqualTo(SOURCE);
        assertThat(web.servers()).extracting(LiveServer::name).containsExactly("web-01", "web-02", "web-03", "web-04");
        assertThat(web.server("web-01").orElseThrow()).isEqualTo(new LiveServer("web-01", "127.0.0.1:18081",
                OperationalState.UP, AdminState.READY, "", 1, ""));
        LiveServer web02 = web.server("web-02").orElseThrow();
        assertThat(web02.adminState()).isEqualTo(AdminState.MAINT);
        assertThat(web02.adminOrigin()).isEqualTo("set by the runtime API");
        assertThat(web02.operationalState()).isEqualTo(OperationalState.DOWN);
        assertThat(web02.takesTraffic()).isFalse();
    }

    @Test
    void shouldReadAServerDownByItsHealthCheck() throws Exception {
        // arrange
        String output = Captured.read("servers-state-maint.txt");

        // act
        LiveServer web03 = ServersStateParser.parse(output, "web", SOURCE).server("web-03").orElseThrow();

        // assert
        assertThat(web03.adminState()).isEqualTo(AdminState.READY);
        assertThat(web03.operationalState()).isEqualTo(OperationalState.DOWN);
        assertThat(web03.weight()).isEqualTo(2);
        assertThat(web03.checkDetail()).isEqualTo("L7STS, wrong HTTP status");
    }

    @Test
    void shouldTellAServerDisabledInTheConfigurationFromOneSetOverTheRuntimeApi() throws Exception {
        // arrange: HAProxy writes admin state 5 (forced and configuration maintenance) for 'disabled'
        String output = Captured.read("servers-state-maint.txt");

        // act
        LiveServer web04 = ServersStateParser.parse(output, "web", SOURCE).server("web-04").orElseThrow();

        // assert
        assertThat(web04.adminState()).isEqualTo(AdminState.MAINT);
        assertThat(web04.adminOrigin()).isEqualTo("disabled in the live configuration");
    }

    @Test
    void shouldReadDrainAndChangedWeight() throws Exception {
        // arrange
        String drain = Captured.read("servers-state-drain.txt");
        String weight = Captured.read("servers-state-weight.txt");

        // act
        LiveServer drained = ServersStateParser.parse(drain, "web", SOURCE).server("web-02").orElseThrow();
        LiveServer weighted = ServersStateParser.parse(weight, "web", SOURCE).server("web-02").orElseThrow();

        // assert
        assertThat(drained.adminState()).isEqualTo(AdminState.DRAIN);
        assertThat(drained.operationalState()).isEqualTo(OperationalState.UP);
        assertThat(drained.adminOrigin()).isEqualTo("set by the runtime API");
        assertThat(drained.takesTraffic()).isFalse();
        assertThat(weighted.adminState()).isEqualTo(AdminState.READY);
        assertThat(weighted.weight()).isEqualTo(5);
        assertThat(weighted.takesTraffic()).isTrue();
    }

    @Test
    void shouldReadInheritedMaintenanceAndPickTheBackendFromAllBackends() throws Exception {
        // arrange: 'show servers state' without a backend name
        String output = Captured.read("servers-state-track.txt");

        // act
        LiveBackend app = ServersStateParser.parse(output, "app", SOURCE);

        // assert
        assertThat(app.servers()).extracting(LiveServer::name).containsExactly("app-1", "app-2", "app-3", "app-4");
        assertThat(app.server("app-1").orElseThrow().weight()).isEqualTo(3);
        assertThat(app.server("app-2").orElseThrow().adminOrigin()).isEqualTo("inherited from the server it tracks");
        assertThat(app.server("app-3").orElseThrow().weight()).isZero();
        assertThat(app.server("app-3").orElseThrow().takesTraffic()).isFalse();
    }

    @Test
    void shouldReportAnUnknownBackendAsMissingNotAsAnError() throws Exception {
        // arrange: HAProxy 2.6's answer to 'show servers state nope'
        String output = "Can't find backend.\n";

        // act
        LiveBackend nope = ServersStateParser.parse(output, "nope", SOURCE);

        // assert
        assertThat(nope.exists()).isFalse();
        assertThat(nope.servers()).isEmpty();
    }

    @Test
    void shouldFindColumnsByHeaderName() throws Exception {
        // arrange: columns reordered and one added, as a future HAProxy might
        String output = "1\n# srv_name srv_uweight extra be_name srv_admin_state srv_op_state srv_addr srv_port\n"
                + "web-02 4 x web 8 2 10.0.0.2 80\n";

        // act
        LiveServer web02 = ServersStateParser.parse(output, "web", SOURCE).server("web-02").orElseThrow();

        // assert
        assertThat(web02).isEqualTo(new LiveServer("web-02", "10.0.0.2:80", OperationalState.UP, AdminState.DRAIN,
                "set by the runtime API", 4, ""));
    }

    @Test
    void shouldRejectAnAnswerThatIsNotAServersStateTable() {
        // arrange
        String output = "Unknown command. Please enter one of the following commands only :\n  help\n";

        // act + assert
        assertThatThrownBy(() -> ServersStateParser.parse(output, "web", SOURCE))
                .isInstanceOf(LiveStateException.class)
                .hasMessageContaining("not a servers state table")
                .hasMessageContaining("Unknown command");
    }

    @Test
    void shouldNameTheMissingColumnAndTheMalformedRow() {
        // arrange
        String noWeight = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state\n";
        String badRow = "1\n# be_name srv_name srv_addr srv_op_state srv_admin_state srv_uweight\n"
                + "web web-01 127.0.0.1 2 0 one\n";

        // act + assert
        assertThatThrownBy(() -> ServersStateParser.parse(noWeight, "web", SOURCE))
                .hasMessageContaining("no 'srv_uweight' column");
        assertThatThrownBy(() -> ServersStateParser.parse(badRow, "web", SOURCE))
                .hasMessageContaining("row 1").hasMessageContaining("srv_uweight is 'one', not a number");
    }
}
