package io.releasegate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code release-gate} command. */
@Command(name = "release-gate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Stops load-balancer and server-pool mistakes from reaching users.",
        subcommands = {CommandLine.HelpCommand.class, DiffCommand.class, LintCommand.class, PageCommand.class,
            VerifyCommand.class, RunCommand.class, PlaybookCommand.class, DrillCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting (used by tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // picocli's own exit code for usage errors is already 2 (ExitCodes.BAD_INPUT)
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            commandLine.getErr().println("release-gate: " + describe(exception));
            return ExitCodes.BAD_INPUT;
        });
        return cli;
    }

    private static String describe(Exception exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
