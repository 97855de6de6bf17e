package io.releasegate.watch;

import io.releasegate.log.LogSink;

/** Port: one cycle's check of one pool against the revision in force (the CLI verifies through the real LB). */
@FunctionalInterface
public interface PoolCheck {
    /**
     * @param pool         the pool's name
     * @param snapshot     the revision in force: its declaration, holds and policy
     * @param poolsInCycle pools checked in the same cycle (each is tested at alpha / poolsInCycle)
     * @throws IllegalArgumentException when the pool cannot be verified (not declared at HEAD, every server held,
     *                                  ...), with the reason in words
     */
    PoolResult check(String pool, RepositoryView.Snapshot snapshot, int poolsInCycle, LogSink log);

    /** Called when a cycle starts, before its first pool. */
    default void startCycle() {
    }
}
