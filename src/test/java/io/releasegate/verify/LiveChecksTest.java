package io.releasegate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.live.HaproxyRuntime;
import io.releasegate.log.BufferedLog;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveChecksTest {
    @TempDir
    Path dir;

    @Test
    void shouldNotReadTheLiveStateWithoutAPermitAndSaySo() {
        // arrange: a runtime API socket that does not exist: a read would be an ERROR naming it
        ExpectedPool pool = ExpectedPool.parse("web-01,web-02").withName("web");
        LiveCheck drift = LiveChecks.drift(pool.toPool(), new HaproxyRuntime(dir.resolve("admin.sock"),
                Duration.ofSeconds(1)));

        // act
        List<CheckResult> without = drift.check(pool, () -> false, new BufferedLog());
        List<CheckResult> with = drift.check(pool, () -> true, new BufferedLog());

        // assert
        assertThat(without).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
            assertThat(result.reason()).isEqualTo("drift not checked: the --rate budget had no room to read the "
                    + "runtime API " + dir.resolve("admin.sock") + " before the deadline");
        });
        assertThat(with).singleElement().extracting(CheckResult::status).isEqualTo(CheckStatus.ERROR);
    }
}
