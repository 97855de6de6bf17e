package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
    @Test
    void shouldFailWhenAnyCheckFailsEvenWithErrors() {
        List<CheckResult> results = List.of(
                CheckResult.pass("health", "web-01", "200 in 3 ms"),
                CheckResult.error("drift", "web", "socket unreadable"),
                CheckResult.fail("missing", "web-02", "declared but received 0 of 40 requests"));

        Verdict verdict = Verdict.of(results);

        assertThat(verdict).isEqualTo(Verdict.FAIL);
    }

    @Test
    void shouldBeErrorWhenACheckCouldNotRunAndNoneFailed() {
        List<CheckResult> results = List.of(
                CheckResult.pass("health", "web-01", "200 in 3 ms"),
                CheckResult.error("drift", "web", "socket unreadable"));

        Verdict verdict = Verdict.of(results);

        assertThat(verdict).isEqualTo(Verdict.ERROR);
    }

    @Test
    void shouldPassWhenEveryCheckPasses() {
        List<CheckResult> results = List.of(CheckResult.pass("distribution", "web", "p = 0.41"));

        Verdict verdict = Verdict.of(results);

        assertThat(verdict).isEqualTo(Verdict.PASS);
    }
}
