package io.releasegate.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell-command rollback, with real /bin/sh processes. */
class CommandRollbackITest {
    @TempDir
    Path dir;

    private RollbackContext context() {
        return new RollbackContext("a1b2c3", "d4e5f6", "web", dir);
    }

    @Test
    void shouldCaptureOutputAndSeeTheRevisionsAndPoolInItsEnvironment() {
        // arrange
        CommandRollback rollback = new CommandRollback(
                "echo \"restore $RELEASE_GATE_POOL from $RELEASE_GATE_HEAD to $RELEASE_GATE_BASE\"; echo warn >&2",
                Duration.ofSeconds(10));

        // act
        RollbackResult result = rollback.run(context());

        // assert
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.OK);
        assertThat(result.exitCode()).isZero();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.output()).isEqualTo("restore web from d4e5f6 to a1b2c3\nwarn\n");
        assertThat(result.reason()).startsWith("the rollback command exited 0 after");
        assertThat(result.action()).startsWith("command: echo");
    }

    @Test
    void shouldSeeTheEnvironmentItIsGivenUnderTheRevisionsAndPool() {
        // arrange: a host (the Jenkins plugin) passes its build environment; RELEASE_GATE_* always win
        CommandRollback rollback = new CommandRollback("echo \"$DEPLOY_TARGET $RELEASE_GATE_POOL\"",
                Duration.ofSeconds(10), CommandRollback.DEFAULT_MAX_OUTPUT,
                java.util.Map.of("DEPLOY_TARGET", "lb-eu", "RELEASE_GATE_POOL", "overridden"));

        // act
        RollbackResult result = rollback.run(context());

        // assert
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.OK);
        assertThat(result.output()).isEqualTo("lb-eu web\n");
    }

    @Test
    void shouldNotInheritTheVariablesItWithholdsButStillSeeItsOwn() {
        // arrange: HOME stands for a secret the operator allowed (--secret-env HOME)
        assertThat(System.getenv("HOME")).isNotBlank();
        CommandRollback rollback = new CommandRollback("echo \"[$HOME] [$RELEASE_GATE_POOL] [${PATH:+path}]\"",
                Duration.ofSeconds(10)).withholding(name -> name.equals("HOME") || name.startsWith("RELEASE_GATE_"));

        // act
        RollbackResult result = rollback.run(context());

        // assert: RELEASE_GATE_POOL is set after the inherited secrets are removed
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.OK);
        assertThat(result.output()).isEqualTo("[] [web] [path]\n");
    }

    @Test
    void shouldReportAFailingCommandWithItsExitCode() {
        // act
        RollbackResult result = new CommandRollback("echo 'haproxy reload failed'; exit 7", Duration.ofSeconds(10))
                .run(context());

        // assert
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.output()).isEqualTo("haproxy reload failed\n");
        assertThat(result.reason()).isEqualTo("the rollback command failed with exit code 7");
    }

    @Test
    void shouldKillAHangingCommandAndItsChildrenAtTheTimeout() throws Exception {
        // arrange: the shell starts a child that would outlive it, records the child's pid, and waits
        Path pidFile = dir.resolve("child.pid");
        CommandRollback rollback = new CommandRollback(
                "sleep 300 & echo $! > " + pidFile + "; echo started; wait", Duration.ofMillis(700));

        // act
        long start = System.nanoTime();
        RollbackResult result = rollback.run(context());
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        // assert
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.FAILED);
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isNull();
        assertThat(result.output()).isEqualTo("started\n");
        assertThat(result.reason()).isEqualTo(
                "the rollback command did not finish within 700 ms and was killed with its child processes");
        assertThat(tookMs).isBetween(600L, 6_000L);
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        assertThat(child.map(ProcessHandle::isAlive).orElse(false)).as("child sleep still alive").isFalse();
    }

    @Test
    void shouldKeepOnlyTheHeadAndTailOfHugeOutput() {
        // act: 200 000 bytes of output, 1 000 kept
        RollbackResult result = new CommandRollback(
                "i=0; while [ $i -lt 2000 ]; do printf '%099d\\n' $i; i=$((i+1)); done", Duration.ofSeconds(20), 1000)
                .run(context());

        // assert
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.OK);
        assertThat(result.output()).startsWith("0000").contains("[... 199000 bytes of output omitted ...]")
                .endsWith("1999\n");
        assertThat(result.output().length()).isLessThan(1100);
    }

    @Test
    void shouldReportACommandThatCannotRunInItsDirectory() {
        // act
        RollbackResult result = new CommandRollback("true", Duration.ofSeconds(5))
                .run(new RollbackContext("a", "b", "web", dir.resolve("missing")));

        // assert
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.NOT_STARTED);
        assertThat(result.rolledBack()).isFalse();
        assertThat(result.exitCode()).isNull();
        assertThat(result.reason()).isEqualTo("the rollback command could not be started: its working directory "
                + dir.resolve("missing") + " does not exist");
    }

    @Test
    void shouldNameTheStepItRunsForInEveryMessage() {
        // arrange: the deploy runs with the same process handling
        CommandRollback deploy = CommandRollback.forStep("deploy", "sleep 300", Duration.ofMillis(300));

        // act
        RollbackResult result = deploy.run(context());

        // assert
        assertThat(result.timedOut()).isTrue();
        assertThat(result.reason()).isEqualTo(
                "the deploy command did not finish within 300 ms and was killed with its child processes");
        assertThatThrownBy(() -> CommandRollback.forStep("deploy", " ", Duration.ofSeconds(1)))
                .hasMessage("the deploy command is empty");
    }
}
