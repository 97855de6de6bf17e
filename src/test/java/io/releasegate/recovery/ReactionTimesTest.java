package io.releasegate.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReactionTimesTest {
    @Test
    void shouldSayHowFastThePageAndTheRollbackFollowedTheFailure() {
        // act
        String words = new ReactionTimes(29, 31, 412).describe();

        // assert
        assertThat(words).isEqualTo("failure -> page accepted 29 ms; failure -> rollback start 31 ms (the rollback"
                + " ran 412 ms)");
    }

    @Test
    void shouldSayInWordsWhenNoPageWasAcceptedAndNoRollbackRanInsteadOfMinusOne() {
        // act
        String words = new ReactionTimes(-1, -1, 0).describe();

        // assert
        assertThat(words).isEqualTo("failure -> no page accepted; no rollback").doesNotContain("-1");
    }
}
