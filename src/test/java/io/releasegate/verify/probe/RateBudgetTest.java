package io.releasegate.verify.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.Arrivals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldGiveOnePermitAtOnceThenRefuseOneThatWouldComeAfterTheDeadline() {
        RateBudget budget = RateBudget.perSecond(1);
        long deadline = System.nanoTime() + SECOND / 10;

        boolean first = budget.acquire(deadline, () -> false);
        boolean second = budget.acquire(deadline, () -> false);

        assertThat(first).isTrue();
        assertThat(second).as("the next permit comes a second later, after the deadline").isFalse();
    }

    @Test
    void shouldSpacePermitsSoThatNoSecondHoldsMoreThanTheRate() {
        RateBudget budget = RateBudget.perSecond(40);
        long deadline = System.nanoTime() + 5 * SECOND;
        List<Long> granted = new ArrayList<>();

        long start = System.nanoTime();
        for (int i = 0; i < 60; i++) {
            assertThat(budget.acquire(deadline, () -> false)).isTrue();
            granted.add(System.nanoTime());
        }

        // no burst: permit k comes k/40 s after the first, so 60 permits take at least 59/40 s (exact: the clock is
        // read before the first permit); in a window of one second, counted after each permit returned, there are
        // at most 40, plus one for the jitter of reading the clock at both ends
        assertThat(granted.get(59) - start).isGreaterThanOrEqualTo(59 * SECOND / 40);
        assertThat(Arrivals.maxInOneSecond(granted)).isLessThanOrEqualTo(40 + 1);
    }

    @Test
    void shouldBeOneBudgetForEveryoneWhoTakesFromIt() throws Exception {
        RateBudget budget = RateBudget.perSecond(20);
        long deadline = System.nanoTime() + 3 * SECOND;
        List<Long> granted = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> takers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < 3; t++) {
            Thread taker = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    if (budget.acquire(deadline, () -> false)) {
                        granted.add(System.nanoTime());
                    }
                }
            });
            takers.add(taker);
            taker.start();
        }
        for (Thread taker : takers) {
            taker.join(10_000);
        }

        List<Long> sorted = new ArrayList<>(granted);
        sorted.sort(null);
        assertThat(sorted).hasSize(30);
        assertThat(sorted.get(29) - start).as("30 permits at 20/s, shared").isGreaterThanOrEqualTo(29 * SECOND / 20);
        assertThat(Arrivals.maxInOneSecond(sorted)).isLessThanOrEqualTo(20 + 1);
    }

    @Test
    void shouldStopWaitingWhenTheRunIsDecided() {
        RateBudget budget = RateBudget.perSecond(0.5);
        budget.acquire(System.nanoTime() + 10 * SECOND, () -> false);

        long start = System.nanoTime();
        boolean acquired = budget.acquire(System.nanoTime() + 10 * SECOND, () -> true);

        assertThat(acquired).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(SECOND);
    }

    @Test
    void shouldEndAWaitForAPermitWhenTheThreadIsInterrupted() {
        RateBudget budget = RateBudget.perSecond(0.5);
        Permits permits = budget.until(System.nanoTime() + 10 * SECOND);
        permits.take();

        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        boolean taken = permits.take();
        boolean stillInterrupted = Thread.interrupted();

        assertThat(taken).isFalse();
        assertThat(stillInterrupted).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(SECOND);
    }

    @Test
    void shouldNotLimitWithoutARate() {
        RateBudget budget = RateBudget.perSecond(0);
        long deadline = System.nanoTime() + SECOND;

        int granted = 0;
        for (int i = 0; i < 10_000; i++) {
            granted += budget.acquire(deadline, () -> false) ? 1 : 0;
        }

        assertThat(granted).isEqualTo(10_000);
        assertThat(budget.rate()).isZero();
    }

    @Test
    void shouldMakeTheFirstPermitOfALeaseWaitForTheLendersLastOne() throws Exception {
        // arrange: the lender (the Jenkins controller's budget of a step) has just given a permit
        RateBudget lender = RateBudget.perSecond(10);
        long start = System.nanoTime();
        assertThat(lender.acquire(start + SECOND, () -> false)).isTrue();

        // act: the lease crosses to another process (serialized) and is opened there
        RateBudget borrower = roundTrip(lender.lend()).open();
        boolean taken = borrower.acquire(System.nanoTime() + 2 * SECOND, () -> false);
        long firstOfBorrower = System.nanoTime();

        // assert: a tenth of a second after the lender's permit, as if both were one budget
        assertThat(taken).isTrue();
        assertThat(borrower.rate()).isEqualTo(10);
        assertThat(firstOfBorrower - start).isGreaterThanOrEqualTo(SECOND / 10);
    }

    @Test
    void shouldKeepTheLendersNextPermitAwayFromTheBorrowersLastOneOnceSettled() {
        // arrange: a fresh budget lent out; the borrower takes a permit at once
        RateBudget lender = RateBudget.perSecond(10);
        RateBudget borrower = lender.lend().open();
        assertThat(borrower.acquire(System.nanoTime() + SECOND, () -> false)).isTrue();

        // act
        long settled = System.nanoTime();
        lender.settle();
        boolean taken = lender.acquire(System.nanoTime() + 2 * SECOND, () -> false);

        // assert: without the settlement the lender's full bucket would give this permit at once
        assertThat(taken).isTrue();
        assertThat(System.nanoTime() - settled).isGreaterThanOrEqualTo(SECOND / 10);
    }

    @Test
    void shouldLendAnUncappedBudgetUncapped() {
        // act
        RateBudget borrower = RateBudget.perSecond(0).lend().open();

        // assert
        assertThat(borrower.rate()).isZero();
        assertThat(borrower.acquire(System.nanoTime() + SECOND, () -> false)).isTrue();
    }

    private static RateBudget.Lease roundTrip(RateBudget.Lease lease) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(lease);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (RateBudget.Lease) in.readObject();
        }
    }
}
