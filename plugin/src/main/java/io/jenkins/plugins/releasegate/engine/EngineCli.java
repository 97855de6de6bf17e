package io.jenkins.plugins.releasegate.engine;

import io.releasegate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * Adapter: runs one engine command in this JVM (the agent's, when called from a file callable) through the CLI
 * contract documented in the engine issues, capturing its output instead of the process' {@code System.out}.
 * <p>
 * This is the single class to replace once the engine's {@code diff}, {@code verify} and {@code recover} Java APIs
 * are on main: each method of {@link EngineCommands} then calls the API and renders the JSON with the engine's
 * {@code report} package instead of going through picocli.
 */
public final class EngineCli {
    private EngineCli() {
    }

    /** Runs {@code release-gate ARGS...} and returns its exit code and output. Never throws for a failed command. */
    public static CliResult run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            String message = exception.getMessage();
            commandLine.getErr().println("release-gate: " + (message == null || message.isBlank()
                    ? exception.getClass().getSimpleName() : message));
            return CliResult.BAD_INPUT;
        });
        int exitCode;
        try {
            exitCode = cli.execute(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            errWriter.println("release-gate: " + e);
            exitCode = CliResult.BAD_INPUT;
        }
        outWriter.flush();
        errWriter.flush();
        return new CliResult(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
