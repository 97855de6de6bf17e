package io.releasegate.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.verify.Tally;
import io.releasegate.verify.Verdict;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.stats.GofResult;
import io.releasegate.verify.stats.SamplePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationWordsTest {
    @Test
    void shouldCountOneRequestAndOneErrorInTheSingular() {
        // arrange: the timeline of a run whose only request failed read "1 requests, 1 errors"
        VerificationResult one = result(1, 1, Map.of("web-01", 0L));

        // act
        String words = VerificationWords.describe(one);

        // assert
        assertThat(words).startsWith("1 request, 1 error, observed web-01 0; the service is down");
    }

    @Test
    void shouldCountSeveralRequestsAndErrorsInThePlural() {
        // act
        String words = VerificationWords.describe(result(12, 2, Map.of("web-01", 10L)));

        // assert
        assertThat(words).startsWith("12 requests, 2 errors, observed web-01 10;");
    }

    private static VerificationResult result(long requests, long errors, Map<String, Long> observed) {
        Tally tally = new Tally(requests, errors, new LinkedHashMap<>(observed), Map.of(), Map.of(), 0, 0, Map.of(),
                "", "");
        return new VerificationResult("web", "http://127.0.0.1:8080/", Verdict.FAIL, tally, Map.of("web-01", 1.0),
                GofResult.notRun(GofResult.CHI_SQUARE, 0.0001), SamplePlan.of(new double[] {1.0}, 0.001, true, true, 0),
                List.of(CheckResult.fail("errors", "web", "the service is down")), List.of("the service is down"), 7);
    }
}
