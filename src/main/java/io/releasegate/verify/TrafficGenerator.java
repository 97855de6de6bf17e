package io.releasegate.verify;

import io.releasegate.log.LogSink;
import io.releasegate.verify.probe.HttpProbe;
import io.releasegate.verify.probe.ProbeResponse;
import io.releasegate.verify.probe.TokenBucket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends up to {@code maxRequests} requests through the load balancer with {@code concurrency} workers, under the
 * rate cap and the deadline, and feeds each outcome to the {@link Observations} until they say the run is decided.
 */
final class TrafficGenerator {
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    private final VerificationRequest request;
    private final HttpProbe probe;
    private final Observations observations;
    private final LogSink log;
    private final RequestVariation variation;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong nextProgress = new AtomicLong();
    private final Object signal = new Object();
    private int running;

    TrafficGenerator(VerificationRequest request, HttpProbe probe, Observations observations, LogSink log) {
        this.request = request;
        this.probe = probe;
        this.observations = observations;
        this.log = log;
        this.variation = RequestVariation.of(request.pool());
    }

    /** Runs to the end (all requests, decided, or deadline); closes the probe, aborting requests in flight. */
    void run(int maxRequests) {
        long start = System.nanoTime();
        long deadline = start + request.deadline().toNanos();
        nextProgress.set(start + PROGRESS_NANOS);
        TokenBucket bucket = new TokenBucket(request.rate(), TokenBucket.defaultBurst(request.rate()));
        int workers = Math.min(request.concurrency(), maxRequests);
        List<Thread> threads = new ArrayList<>();
        running = workers;
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(() -> {
                try {
                    work(maxRequests, deadline, bucket);
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
            Thread.currentThread().interrupt();
        } finally {
            stop.set(true);
            probe.close();
            for (Thread thread : threads) {
                joinQuietly(thread);
            }
        }
    }

    /** Waits until the run is decided, every worker is done, or the deadline passes. */
    private void awaitEnd(long deadline) throws InterruptedException {
        synchronized (signal) {
            while (!stop.get() && running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
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

    private void work(int maxRequests, long deadline, TokenBucket bucket) {
        while (!stop.get()) {
            long seq = issued.getAndIncrement();
            if (seq >= maxRequests || !bucket.acquire(deadline, stop::get)) {
                return;
            }
            long timeLeft = deadline - System.nanoTime();
            if (timeLeft <= 0) {
                return;
            }
            Outcome outcome = send(variation.uri(request.target(), seq));
            if (stop.get()) {
                return;
            }
            if (observations.record(outcome)) {
                signal(true);
            }
            progress(seq + 1, maxRequests);
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

    private void progress(long done, int maxRequests) {
        long now = System.nanoTime();
        long due = nextProgress.get();
        if (now >= due && nextProgress.compareAndSet(due, now + PROGRESS_NANOS)) {
            Tally tally = observations.tally();
            log.info("verify: %d/%d requests, %d errors, observed %s", done, maxRequests, tally.errors(),
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
