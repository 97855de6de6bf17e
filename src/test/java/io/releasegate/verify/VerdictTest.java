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

    @Test
    void shouldBeInconclusiveWhenACheckCouldNotDecideAndNoneFailed() {
        List<CheckResult> results = List.of(
                CheckResult.pass("missing", "web-01", "web-01 answered 3 of 5"),
                CheckResult.inconclusive("sample", "web", "stopped by the 5 s deadline after 5 of 195 planned requests"));

        Verdict verdict = Verdict.of(results);

        assertThat(verdict).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdict.passed()).isFalse();
    }

    @Test
    void shouldFailOrErrBeforeBeingInconclusive() {
        CheckResult undecided = CheckResult.inconclusive("sample", "web", "cancelled");

        Verdict failed = Verdict.of(List.of(undecided, CheckResult.fail("missing", "web-02", "none of 12")));
        Verdict error = Verdict.of(List.of(undecided, CheckResult.error("drift", "web", "socket unreadable")));

        assertThat(failed).isEqualTo(Verdict.FAIL);
        assertThat(error).isEqualTo(Verdict.ERROR);
    }
}
