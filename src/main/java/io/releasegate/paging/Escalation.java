package io.releasegate.paging;

import io.releasegate.log.LogSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Delivers a page along the ordered escalation chain. Each contact is tried with the {@link RetryPolicy} (retryable
 * outcomes are retried with backoff within the contact's deadline, a rejection is final for that contact); when a
 * contact fails definitively the next one is paged. Every attempt is recorded in the {@link PageResult}.
 */
public final class Escalation {
    private final List<Contact> chain;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final LogSink log;

    public Escalation(List<Contact> chain, RetryPolicy policy, Clock clock, Sleeper sleeper, RandomGenerator random,
            LogSink log) {
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("the escalation chain has no contacts");
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A chain with the real clock, real sleeps and a fresh random source for the jitter. */
    public Escalation(List<Contact> chain, RetryPolicy policy, LogSink log) {
        this(chain, policy, Clock.systemUTC(), Sleeper.SYSTEM, new SplittableRandom(), log);
    }

    /** The names of the contacts, in order. */
    public List<String> contactNames() {
        return chain.stream().map(Contact::name).toList();
    }

    /** Delivers {@code page} to the first contact that accepts it; never throws for delivery problems. */
    public PageResult page(Page page) {
        List<Attempt> attempts = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Contact contact : chain) {
            String failure = tryContact(contact, page, attempts);
            if (failure == null) {
                Attempt last = attempts.get(attempts.size() - 1);
                String reason = "delivered to " + contact.name() + " on attempt " + last.attempt()
                        + (last.statusCode() > 0 ? " (status " + last.statusCode() + ")" : "")
                        + (failures.isEmpty() ? "" : " after " + String.join("; ", failures));
                log.info("page %s %s: %s", page.action().wire(), page.dedupKey(), reason);
                return new PageResult(page, true, contact.name(), attempts, reason);
            }
            failures.add(failure);
            log.warn("page %s %s: %s", page.action().wire(), page.dedupKey(), failure);
        }
        String reason = "undelivered: every contact failed: " + String.join("; ", failures);
        log.error("page %s %s: %s", page.action().wire(), page.dedupKey(), reason);
        return new PageResult(page, false, null, attempts, reason);
    }

    /** Returns null when delivered, else why this contact failed definitively. */
    private String tryContact(Contact contact, Page page, List<Attempt> attempts) {
        Instant deadline = clock.instant().plus(policy.deadline());
        Delivery last = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                return contact.name() + " gave up: its deadline of " + policy.deadline().toMillis()
                        + " ms passed after " + (attempt - 1) + " attempts" + lastError(last);
            }
            Duration timeout = remaining.compareTo(policy.attemptTimeout()) < 0 ? remaining : policy.attemptTimeout();
            Instant started = clock.instant();
            last = deliverSafely(contact, page, timeout);
            long durationMs = Duration.between(started, clock.instant()).toMillis();
            attempts.add(new Attempt(contact.name(), attempt, started, last.outcome(), last.statusCode(),
                    last.detail(), durationMs));
            if (last.isDelivered()) {
                return null;
            }
            if (last.outcome() == Delivery.Outcome.REJECTED) {
                return contact.name() + " rejected the page" + lastError(last);
            }
            if (attempt == policy.maxAttempts()) {
                break;
            }
            Duration wait = policy.backoff(attempt, last.retryAfter(), random);
            if (clock.instant().plus(wait).isAfter(deadline)) {
                return contact.name() + " gave up after " + attempt + " attempts: the next retry (in "
                        + wait.toMillis() + " ms) would pass its deadline of " + policy.deadline().toMillis() + " ms"
                        + lastError(last);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return contact.name() + " was interrupted after " + attempt + " attempts" + lastError(last);
            }
        }
        return contact.name() + " failed " + policy.maxAttempts() + " attempts" + lastError(last);
    }

    private static Delivery deliverSafely(Contact contact, Page page, Duration timeout) {
        try {
            return contact.pager().deliver(page, timeout);
        } catch (RuntimeException e) {
            // a pager must classify its own problems; an escaping exception is a defect: final for this contact,
            // reported by type only because its message might carry a secret
            return Delivery.rejected(0, "unexpected " + e.getClass().getSimpleName() + " in the pager");
        }
    }

    private static String lastError(Delivery delivery) {
        if (delivery == null) {
            return "";
        }
        String status = delivery.statusCode() > 0 ? "status " + delivery.statusCode() : "";
        String detail = delivery.detail().isEmpty() ? "" : delivery.detail();
        String both = status.isEmpty() ? detail : detail.isEmpty() ? status : status + ": " + detail;
        return both.isEmpty() ? "" : " (last: " + both + ")";
    }
}
