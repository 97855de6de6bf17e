package io.releasegate.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessInfoTest {
    private static final String INFO = "Name: HAProxy\nVersion: 2.6.12-1+deb12u1\nRelease_date: 2023/03/17\n"
            + "Nbthread: 2\nNbproc: 1\nProcess_num: 1\nPid: 4242\nUptime: 0d 0h00m12s\nUptime_sec: 12\n";

    @Test
    void shouldReadPidUptimeAndVersion() throws Exception {
        ProcessInfo info = ProcessInfo.parse(INFO, "runtime API /run/haproxy.sock");

        assertThat(info).isEqualTo(new ProcessInfo(4242, 12, "2.6.12-1+deb12u1"));
    }

    @Test
    void shouldTellARestartByPidOrByAnUptimeThatWentBack() {
        ProcessInfo before = new ProcessInfo(4242, 600, "2.6");

        assertThat(before.restartedAs(new ProcessInfo(4242, 660, "2.6"))).isFalse();
        assertThat(before.restartedAs(new ProcessInfo(5151, 2, "2.6"))).isTrue();
        assertThat(before.restartedAs(new ProcessInfo(4242, 3, "2.6"))).isTrue();
    }

    @Test
    void shouldNameTheSourceOfAnAnswerWithoutAPid() {
        assertThatThrownBy(() -> ProcessInfo.parse("Unknown command\n", "runtime API /s"))
                .isInstanceOf(LiveStateException.class)
                .hasMessage("runtime API /s answered 'show info' without Pid and Uptime_sec: Unknown command");
    }
}
