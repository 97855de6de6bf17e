package io.releasegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real server process started by a test, stopped by its handle (with its children) on {@link #close()}. */
public class ManagedProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String description;

    protected ManagedProcess(List<String> command, Path workDir, String description) {
        this.description = description;
        this.log = workDir.resolve(description.replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        try {
            this.process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits until the process listens on {@code port}; fails with the process output if it dies or times out. */
    protected void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(description + " exited with " + process.exitValue() + ":\n" + output());
            }
            if (FreePorts.awaitListening(port, Duration.ofMillis(200))) {
                return;
            }
        }
        close();
        throw new IllegalStateException(description + " did not listen on " + port + " within " + timeout + ":\n"
                + output());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** What the process printed so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
