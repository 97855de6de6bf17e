package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    private static String stdout(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldListEveryCommandInTheTopLevelHelp() {
        String help = stdout(() -> assertThat(Main.run("--help")).isZero());

        assertThat(help).contains("diff ", "lint ", "verify ", "run ", "page ", "playbook ", "drill ", "help ");
    }

    @Test
    void shouldRunACommandWithOnlyItsOwnModelAndHelpForAnother() {
        String diffHelp = stdout(() -> assertThat(Main.run("diff", "--help")).isZero());
        String lintHelp = stdout(() -> assertThat(Main.run("help", "lint")).isZero());

        assertThat(diffHelp).startsWith("Usage: release-gate diff");
        assertThat(lintHelp).startsWith("Usage: release-gate lint");
    }

    @Test
    void shouldExitTwoForAnUnknownCommand() {
        int code = Main.run("deploy-everything");

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void shouldPrintHelpForEveryCommandWithoutItsRequiredOptions() {
        for (String command : new String[] {"diff", "lint", "verify", "run", "page", "playbook", "drill"}) {
            String help = stdout(() -> assertThat(Main.run(command, "--help")).as(command).isZero());

            assertThat(help).as(command).startsWith("Usage: release-gate " + command);
        }
    }
}
