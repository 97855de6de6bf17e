package io.releasegate.verify.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldGiveTheBurstAtOnceThenRefuseAPermitThatWouldComeAfterTheDeadline() {
        TokenBucket bucket = new TokenBucket(1, 2);
        long deadline = System.nanoTime() + SECOND / 10;

        boolean first = bucket.acquire(deadline, () -> false);
        boolean second = bucket.acquire(deadline, () -> false);
        boolean third = bucket.acquire(deadline, () -> false);

        assertThat(first).isTrue();
        assertThat(second).isTrue();
        assertThat(third).as("the next permit comes a second later, after the deadline").isFalse();
    }

    @Test
    void shouldStopWaitingWhenTheRunIsDecided() {
        TokenBucket bucket = new TokenBucket(0.5, 1);
        bucket.acquire(System.nanoTime() + 10 * SECOND, () -> false);

        long start = System.nanoTime();
        boolean acquired = bucket.acquire(System.nanoTime() + 10 * SECOND, () -> true);

        assertThat(acquired).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(SECOND);
    }

    @Test
    void shouldNotLimitWithoutARate() {
        TokenBucket bucket = new TokenBucket(0, 1);
        long deadline = System.nanoTime() + SECOND;

        int granted = 0;
        for (int i = 0; i < 10_000; i++) {
            granted += bucket.acquire(deadline, () -> false) ? 1 : 0;
        }

        assertThat(granted).isEqualTo(10_000);
        assertThat(TokenBucket.defaultBurst(20)).isEqualTo(2);
        assertThat(TokenBucket.defaultBurst(5)).isEqualTo(1);
    }
}
