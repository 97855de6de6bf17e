package io.releasegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real OpenSSH {@code ssh-keygen} (package openssh-client), run by tests with a bounded wait. */
public final class SshKeygen {
    private static final long TIMEOUT_SECONDS = 60;

    private SshKeygen() {
    }

    /**
     * What one run printed.
     *
     * @param exitCode the exit code
     * @param output   stdout and stderr together
     */
    public record Result(int exitCode, String output) {
    }

    /** A new key pair {@code dir/name} (and {@code name.pub}) of {@code type} ({@code ed25519}, {@code ecdsa}, ...). */
    public static Path key(Path dir, String name, String type, int bits, String passphrase) {
        Path key = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-q", "-t", type, "-N", passphrase, "-C", name, "-f",
                key.toString()));
        if (bits > 0) {
            args.addAll(List.of("-b", Integer.toString(bits)));
        }
        Result result = run(dir, null, args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("ssh-keygen could not make a " + type + " key: " + result.output());
        }
        return key;
    }

    /** The public half of {@code key}, as {@code type base64} (the .pub file without its comment). */
    public static String publicKey(Path key) {
        try {
            String[] fields = Files.readString(Path.of(key + ".pub")).strip().split(" ");
            return fields[0] + " " + fields[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code ssh-keygen args} in {@code dir} with {@code stdin} (a file, or null for none). */
    public static Result run(Path dir, Path stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("ssh-keygen"));
        command.addAll(List.of(args));
        Path output = dir.resolve("ssh-keygen.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ssh-keygen (install openssh-client)", e);
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("ssh-keygen " + String.join(" ", args) + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
