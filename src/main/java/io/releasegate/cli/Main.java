package io.releasegate.cli;

import io.releasegate.log.Redaction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code release-gate} command. */
@Command(name = "release-gate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Stops load-balancer and server-pool mistakes from reaching users.")
public final class Main implements Runnable {
    /**
     * The commands, in the order {@code --help} lists them. Registered in code rather than in the annotation so that
     * a run builds the option model of its own command only: picocli's model of all of them costs a fresh JVM
     * about 90 ms of start-up.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("help", CommandLine.HelpCommand::new);
        COMMANDS.put("diff", DiffCommand::new);
        COMMANDS.put("lint", LintCommand::new);
        COMMANDS.put("verify", VerifyCommand::new);
        COMMANDS.put("run", RunCommand::new);
        COMMANDS.put("approve", ApproveCommand::new);
        COMMANDS.put("page", PageCommand::new);
        COMMANDS.put("watch", WatchCommand::new);
        COMMANDS.put("hold", HoldCommand::new);
        COMMANDS.put("playbook", PlaybookCommand::new);
        COMMANDS.put("drill", DrillCommand::new);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting (used by tests). */
    public static int run(String... args) {
        String first = args.length > 0 ? args[0] : "";
        return (COMMANDS.containsKey(first) && !"help".equals(first) ? commandLine(first) : commandLine())
                .execute(args);
    }

    /** The command line with every command (for {@code --help}, {@code help} and tests). */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The command line with only {@code command} registered, or every command when it is null. */
    private static CommandLine commandLine(String command) {
        CommandLine cli = new CommandLine(new Main());
        COMMANDS.forEach((name, factory) -> {
            if (command == null || command.equals(name)) {
                cli.addSubcommand(name, factory.get());
            }
        });
        // picocli's own exit code for usage errors is already 2 (ExitCodes.BAD_INPUT)
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            commandLine.getErr().println("release-gate: " + Redaction.text(describe(exception)));
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
