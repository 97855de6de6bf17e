package io.releasegate.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The release-gate command line running in its own JVM for as long as a test needs (a {@code watch}): its output
 * can be awaited, {@link #terminate()} sends SIGTERM, and {@link #close()} kills whatever is still running by its
 * handle.
 */
public final class RunningCli implements AutoCloseable {
    private final Process process;
    private final Path out;

    private RunningCli(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    /** Starts {@code release-gate ARGS} in {@code workDir}; stdout and stderr go to one file. */
    public static RunningCli start(Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                "io.releasegate.cli.Main"));
        command.addAll(List.of(args));
        Path out = workDir.resolve("cli-" + System.nanoTime() + ".log");
        try {
            return new RunningCli(new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** What it printed so far. */
    public String output() {
        try {
            return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits (bounded) until its output contains {@code text} {@code times} times; fails with the output. */
    public void await(String text, int times, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = output();
            if (count(output, text) >= times) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("release-gate exited with " + process.exitValue() + " before printing '"
                        + text + "':\n" + output);
            }
            FreePorts.sleep(50);
        }
        throw new AssertionError("within " + timeout + " release-gate did not print '" + text + "' " + times
                + " time(s):\n" + output());
    }

    private static int count(String output, String text) {
        int count = 0;
        for (int at = output.indexOf(text); at >= 0; at = output.indexOf(text, at + text.length())) {
            count++;
        }
        return count;
    }

    /** Sends SIGTERM and waits (bounded) for the exit code; -1 when it did not end in time. */
    public int terminate(Duration timeout) {
        process.destroy();
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path", "")
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }
}
