package io.releasegate.rollback;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Rolls back by running a shell command ({@code /bin/sh -c}) with {@code RELEASE_GATE_BASE},
 * {@code RELEASE_GATE_HEAD} and {@code RELEASE_GATE_POOL} in its environment. Standard output and error go to a
 * temporary file (so a child that keeps the pipe open cannot block the gate); at most {@code maxOutputBytes} of it
 * are kept (head and tail). At the timeout the shell and every descendant process are killed. An embedding host (the
 * Jenkins plugin) can add the build's environment on top of this process' own, as a Jenkins launcher does, and the
 * CLI withholds the operator's secret variables ({@link #withholding}): the command may be a script of the change.
 */
public final class CommandRollback implements RollbackAction {
    /** 1 MiB of output is kept by default. */
    public static final int DEFAULT_MAX_OUTPUT = 1 << 20;
    private static final long KILL_WAIT_MS = 5_000;
    private final String step;
    private final String command;
    private final Duration timeout;
    private final int maxOutputBytes;
    private final Map<String, String> environment;
    private final Predicate<String> withheld;

    public CommandRollback(String command, Duration timeout, int maxOutputBytes) {
        this(command, timeout, maxOutputBytes, null);
    }

    /**
     * @param environment variables added to (or replacing) this process' environment, e.g. a Jenkins build's; null
     *                    for none. {@code RELEASE_GATE_*} are set last and win
     */
    public CommandRollback(String command, Duration timeout, int maxOutputBytes, Map<String, String> environment) {
        this("rollback", command, timeout, maxOutputBytes, environment, name -> false);
    }

    private CommandRollback(String step, String command, Duration timeout, int maxOutputBytes,
            Map<String, String> environment, Predicate<String> withheld) {
        this.step = step;
        this.withheld = Objects.requireNonNull(withheld, "withheld");
        this.command = Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("the " + step + " command is empty");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the " + step + " timeout must be positive");
        }
        if (maxOutputBytes < 64) {
            throw new IllegalArgumentException("keep at least 64 bytes of output");
        }
        this.maxOutputBytes = maxOutputBytes;
        this.environment = environment == null ? null : Map.copyOf(environment);
    }

    public CommandRollback(String command, Duration timeout) {
        this(command, timeout, DEFAULT_MAX_OUTPUT);
    }

    /**
     * The same process handling for another step of the gate (the deploy): every message names {@code step}
     * ({@code "the deploy command failed with exit code 4"}).
     */
    public static CommandRollback forStep(String step, String command, Duration timeout) {
        return new CommandRollback(Objects.requireNonNull(step, "step"), command, timeout, DEFAULT_MAX_OUTPUT, null,
                name -> false);
    }

    /**
     * The same command without the variables {@code names} accepts in its environment: they are removed from what
     * it inherits (before {@code RELEASE_GATE_BASE/HEAD/POOL} are set). The CLI passes the names its secret rules
     * allow, so a deploy or rollback script that came with the change cannot read a pager's routing key.
     */
    public CommandRollback withholding(Predicate<String> names) {
        return new CommandRollback(step, command, timeout, maxOutputBytes, environment,
                withheld.or(Objects.requireNonNull(names, "names")));
    }

    @Override
    public RollbackResult run(RollbackContext context) {
        String action = "command: " + command;
        long start = System.nanoTime();
        if (context.workingDirectory() != null && !Files.isDirectory(context.workingDirectory())) {
            return RollbackResult.notStarted(action, elapsedMs(start), "the " + step + " command could not be started:"
                    + " its working directory " + context.workingDirectory() + " does not exist");
        }
        Path output = null;
        Process process;
        try {
            output = Files.createTempFile("release-gate-" + step, ".log");
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (context.workingDirectory() != null) {
                builder.directory(context.workingDirectory().toFile());
            }
            Map<String, String> processEnvironment = builder.environment();
            processEnvironment.keySet().removeIf(withheld);
            if (environment != null) {
                processEnvironment.putAll(environment);
            }
            processEnvironment.put("RELEASE_GATE_BASE", context.base());
            processEnvironment.put("RELEASE_GATE_HEAD", context.head());
            processEnvironment.put("RELEASE_GATE_POOL", context.pool());
            process = builder.start();
        } catch (IOException e) {
            delete(output);
            return RollbackResult.notStarted(action, elapsedMs(start), "the " + step + " command could not be started: "
                    + e.getMessage());
        }
        try {
            boolean exited = waitOrKill(process);
            long durationMs = elapsedMs(start);
            String captured = capture(output);
            if (!exited) {
                return RollbackResult.failed(action, null, true, captured, durationMs, "the " + step
                        + " command did not finish within " + timeout.toMillis()
                        + " ms and was killed with its child processes");
            }
            int exitCode = process.exitValue();
            return exitCode == 0
                    ? RollbackResult.ok(action, 0, captured, durationMs, "the " + step + " command exited 0 after "
                            + durationMs + " ms")
                    : RollbackResult.failed(action, exitCode, false, captured, durationMs, "the " + step
                            + " command failed with exit code " + exitCode);
        } catch (IOException e) {
            return RollbackResult.failed(action, null, false, "", elapsedMs(start), "the " + step + " command ran"
                    + " but its output could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RollbackResult.failed(action, null, false, "", elapsedMs(start), "interrupted while waiting for"
                    + " the " + step + " command, which was killed with its child processes");
        } finally {
            delete(output);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** Waits for the process; at the timeout kills it and all its descendants. Returns whether it exited. */
    private boolean waitOrKill(Process process) throws InterruptedException {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            killTree(process.toHandle());
            return false;
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            throw e;
        }
    }

    /** Kills the root first (so it cannot fork more), then every descendant found before. */
    private static void killTree(ProcessHandle root) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        root.destroyForcibly();
        tree.addAll(root.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.add(root);
        long deadline = System.currentTimeMillis() + KILL_WAIT_MS;
        for (ProcessHandle handle : tree) {
            while (handle.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    private String capture(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= maxOutputBytes) {
                byte[] all = new byte[(int) length];
                in.readFully(all);
                return new String(all, StandardCharsets.UTF_8);
            }
            int half = maxOutputBytes / 2;
            byte[] head = new byte[half];
            byte[] tail = new byte[half];
            in.readFully(head);
            in.seek(length - half);
            in.readFully(tail);
            return new String(head, StandardCharsets.UTF_8) + "\n[... " + (length - 2L * half)
                    + " bytes of output omitted ...]\n" + new String(tail, StandardCharsets.UTF_8);
        }
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public String toString() {
        return "CommandRollback[" + command + ", timeout " + timeout.toMillis() + " ms]";
    }
}
