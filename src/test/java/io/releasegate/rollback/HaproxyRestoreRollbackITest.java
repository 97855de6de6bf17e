package io.releasegate.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.config.ConfigFormat;
import io.releasegate.config.read.Parsers;
import io.releasegate.config.Pool;
import io.releasegate.config.SourceResolver;
import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HaproxyProcess;
import io.releasegate.testing.HttpBackend;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.live.AdminState;
import io.releasegate.verify.drift.DriftChecker;
import io.releasegate.live.HaproxyRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollback the incident needed, as a {@link RollbackAction}, over a real HAProxy runtime API. */
class HaproxyRestoreRollbackITest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void shouldPutWeb02BackSoThatTheNextDriftCheckPasses(@TempDir Path dir) throws Exception {
        try (HttpBackend web1 = HttpBackend.start("web-01"); HttpBackend web2 = HttpBackend.start("web-02")) {
            int port = FreePorts.next();
            String config = HaproxyProcess.roundRobinWeb(port, web1, web2);
            try (HaproxyProcess haproxy = HaproxyProcess.start(dir, config, port)) {
                // arrange: web-02 taken out during a test and never put back
                Pool declared = declared(haproxy.configFile());
                HaproxyRuntime runtime = new HaproxyRuntime(haproxy.socket(), TIMEOUT);
                runtime.setState("web", "web-02", AdminState.MAINT);
                assertThat(DriftChecker.check(declared, runtime).results()).extracting(CheckResult::status)
                        .contains(CheckStatus.FAIL);
                RollbackAction rollback = new HaproxyRestoreRollback(runtime, declared);

                // act
                RollbackResult result = rollback.run(new RollbackContext("base", "head", "web", null));

                // assert
                assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.OK);
                assertThat(result.rolledBack()).isTrue();
                assertThat(result.action()).isEqualTo("restore HAProxy backend web over the runtime API "
                        + haproxy.socket());
                assertThat(result.reason()).isEqualTo("restore of web: web-02: MAINT (set by the runtime API) -> "
                        + "READY (set server web/web-02 state ready)");
                assertThat(DriftChecker.check(declared, runtime).results()).extracting(CheckResult::status)
                        .containsOnly(CheckStatus.PASS);
            }
        }
    }

    @Test
    void shouldSayItDidNotStartWhenTheSocketCannotBeReached(@TempDir Path dir) throws Exception {
        // arrange
        Pool declared = declared(write(dir));
        RollbackAction rollback = new HaproxyRestoreRollback(new HaproxyRuntime(dir.resolve("no.sock"), TIMEOUT),
                declared);

        // act
        RollbackResult result = rollback.run(new RollbackContext("base", "head", "web", null));

        // assert
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.NOT_STARTED);
        assertThat(result.rolledBack()).isFalse();
        assertThat(result.reason()).startsWith("the runtime API could not be reached, so nothing was restored: ")
                .contains("no.sock");
    }

    private static Path write(Path dir) throws Exception {
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, "backend web\n    server web-01 127.0.0.1:1 check\n"
                + "    server web-02 127.0.0.1:2 check\n");
        return file;
    }

    private static Pool declared(Path config) throws Exception {
        return Parsers.parse(ConfigFormat.HAPROXY, "haproxy.cfg", Files.readString(config), SourceResolver.NONE)
                .pools().stream().filter(pool -> pool.name().equals("web")).findFirst().orElseThrow();
    }
}
