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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The release-gate command line run as its own JVM, with an environment of the test's choosing (secrets are read
 * from the process environment, which a test cannot set in its own JVM). Bounded in time; the process is killed by
 * its handle when it overruns.
 *
 * @param exitCode the exit code, or -1 when the process overran the timeout and was killed
 * @param out      what it printed on stdout
 * @param err      what it printed on stderr
 */
public record CliProcess(int exitCode, String out, String err) {
    /** Runs {@code release-gate ARGS} in {@code workDir} with {@code environment} added to this JVM's. */
    public static CliProcess run(Path workDir, Map<String, String> environment, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                "io.releasegate.cli.Main"));
        command.addAll(List.of(args));
        Path out = workDir.resolve("cli-" + System.nanoTime() + ".out");
        Path err = workDir.resolve("cli-" + System.nanoTime() + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            int exit;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = process.exitValue();
            } else {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                exit = -1;
            }
            return new CliProcess(exit, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for release-gate", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path", "")
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }
}
