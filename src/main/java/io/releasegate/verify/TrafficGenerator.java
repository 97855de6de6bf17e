package io.releasegate.verify;

import io.releasegate.log.LogSink;
import io.releasegate.verify.probe.HttpProbe;
import io.releasegate.verify.probe.ProbeResponse;
import io.releasegate.verify.probe.RateBudget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends requests through the load balancer with {@code concurrency} workers, each request taking a
 * permit of the run's {@link RateBudget}, before the deadline, and feeds each outcome to the {@link Observations}
 * until they say the run is decided or complete. Says how it ended ({@link Ending}).
 */
final class TrafficGenerator {
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    private final VerificationRequest request;
    private final HttpProbe probe;
    private final Observations observations;
    private final LogSink log;
    private final RequestVariation variation;
    private final RateBudget budget;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean deadlineHit = new AtomicBoolean();
    private volatile boolean cancelled;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong nextProgress = new AtomicLong();
    private final Object signal = new Object();
    private int running;
    private int planned;

    TrafficGenerator(VerificationRequest request, HttpProbe probe, Observations observations, RateBudget budget,
            LogSink log) {
        this.request = request;
        this.budget = budget;
        this.probe = probe;
        this.observations = observations;
        this.log = log;
        this.variation = RequestVariation.of(request.pool());
    }

    /**
     * Runs to the end (complete, decided, deadline, or the calling thread interrupted); closes the probe, aborting
     * requests in flight. Sends at most {@code planned + toleratedErrors} requests: the plan counts responses from
     * declared servers, and one error more than tolerated decides the run.
     */
    Ending run(int planned, long toleratedErrors) {
        this.planned = planned;
        long maxRequests = planned + toleratedErrors;
        long start = System.nanoTime();
        long deadline = start + request.deadline().toNanos();
        nextProgress.set(start + PROGRESS_NANOS);
        int workers = (int) Math.min(request.concurrency(), maxRequests);
        List<Thread> threads = new ArrayList<>();
        running = workers;
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(() -> {
                try {
                    work(maxRequests, deadline);
                } finally {
                    signal(false);
                }
            }, "verify-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            awaitEnd(deadline);
        } catch (InterruptedException e) {
            cancelled = true;
            Thread.currentThread().interrupt();
        } finally {
            stop.set(true);
            probe.close();
            for (Thread thread : threads) {
                joinQuietly(thread);
            }
        }
        return ending(deadline);
    }

    private Ending ending(long deadline) {
        if (observations.decided()) {
            return Ending.DECIDED;
        }
        if (observations.complete()) {
            return Ending.DONE;
        }
        if (cancelled) {
            return Ending.CANCELLED;
        }
        return deadlineHit.get() || System.nanoTime() >= deadline ? Ending.DEADLINE : Ending.STOPPED;
    }

    /** Waits until the run is decided, every worker is done, or the deadline passes. */
    private void awaitEnd(long deadline) throws InterruptedException {
        synchronized (signal) {
            while (!stop.get() && running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    deadlineHit.set(true);
                    return;
                }
                signal.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void signal(boolean decided) {
        synchronized (signal) {
            if (decided) {
                stop.set(true);
            } else {
                running--;
            }
            signal.notifyAll();
        }
    }

    private void work(long maxRequests, long deadline) {
        while (!stop.get()) {
            long seq = issued.getAndIncrement();
            if (seq >= maxRequests) {
                return;
            }
            if (!budget.acquire(deadline, stop::get)) {
                if (!stop.get()) {
                    deadlineHit.set(true); // the next permit would come after the deadline
                }
                return;
            }
            if (deadline - System.nanoTime() <= 0) {
                deadlineHit.set(true);
                return;
            }
            Outcome outcome = send(variation.uri(request.target(), seq));
            if (stop.get()) {
                return;
            }
            if (observations.record(outcome)) {
                signal(true);
            }
            progress(seq + 1);
        }
    }

    private Outcome send(URI uri) {
        try {
            ProbeResponse response = probe.get(uri, request.timeout());
            return Outcome.response(response.status(), request.identify().identify(response).orElse(null));
        } catch (ConnectException e) {
            return Outcome.failure(Outcome.Kind.CONNECT_FAILED, "connection refused by " + uri.getHost() + ":"
                    + port(uri));
        } catch (SocketTimeoutException e) {
            return Outcome.failure(Outcome.Kind.TIMEOUT, "no response within " + request.timeout().toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Outcome.failure(Outcome.Kind.IO_ERROR, message);
        }
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private void progress(long done) {
        long now = System.nanoTime();
        long due = nextProgress.get();
        if (now >= due && nextProgress.compareAndSet(due, now + PROGRESS_NANOS)) {
            Tally tally = observations.tally();
            log.info("verify: %d/%d requests, %d errors, observed %s", done, planned, tally.errors(),
                    tally.observed());
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
