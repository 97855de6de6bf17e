package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release-gate playbook}: generated from the pool and a chain of three contacts. */
class PlaybookTest {
    private static final String HAPROXY = """
            frontend www
                bind 127.0.0.1:18080
                default_backend web

            backend web
                balance roundrobin
                server web-01 10.0.0.1:8080 check weight 3
                server web-02 10.0.0.2:8080 check
                server web-03 10.0.0.3:8080 backup
            """;
    private static final String POLICY = """
            version: 1
            verify:
              lb: http://lb.example.internal/
              pool: web
              identify: header:X-Served-By
              rate: 40
              concurrency: 2
              healthPath: /health
              haproxySocket: /run/haproxy/admin.sock
            escalation:
              chain: [primary, team-chat, managers]
              contacts:
                primary:
                  type: pagerduty
                  routingKey: env:PD_ROUTING_KEY
                team-chat:
                  type: slack
                  url: env:SLACK_WEBHOOK_URL
                managers:
                  type: email
                  smtpHost: smtp.example.internal
                  smtpPort: 587
                  from: release-gate@example.internal
                  to: [lb-managers@example.internal]
                  startTls: true
                  username: release-gate
                  password: file:/etc/release-gate/smtp-password
              retry:
                maxAttempts: 4
                deadlineMs: 30000
            """;

    @Test
    void shouldNameTheChainInOrderWithEachChannel(@TempDir Path dir) {
        // arrange
        repo(dir);

        // act
        CliRun run = CliRun.of("playbook", "--repo", dir.toString(), "--gate", "shop");

        // assert
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("""
                1. **primary**: PagerDuty Events API v2 (https://events.pagerduty.com/v2/enqueue, routing key \
                env:PD_ROUTING_KEY)
                2. **team-chat**: Slack incoming webhook (URL env:SLACK_WEBHOOK_URL)
                3. **managers**: email to lb-managers@example.internal via smtp.example.internal:587 (STARTTLS)
                """);
        assertThat(run.out()).contains("Each contact is tried up to 4 times")
                .contains("at most 30000 ms per contact")
                .contains("release-gate page --config .releasegate.yml --contact team-chat --severity info")
                .contains("| managers | email | lb-managers@example.internal via smtp.example.internal:587 (STARTTLS)"
                        + " | `file:/etc/release-gate/smtp-password` | #3 |");
    }

    @Test
    void shouldGiveTheExactVerifyCommandAndRuntimeApiLinesFromThePool(@TempDir Path dir) {
        // arrange
        repo(dir);

        // act
        CliRun run = CliRun.of("playbook", "--repo", dir.toString(), "--gate", "shop", "--rollback",
                "./deploy.sh --revision $RELEASE_GATE_BASE");

        // assert
        assertThat(run.out()).contains("""
                release-gate verify \\
                  --lb http://lb.example.internal/ \\
                  --pool web \\
                  --expect web-01=3,web-02=1 \\
                  --algorithm roundrobin \\
                  --identify header:X-Served-By \\
                  --rate 40 --concurrency 2 \\
                  --alpha 0.001 --max-error-rate 0.01 \\
                  --timeout 2000ms --deadline 60000ms \\
                  --health web-01=http://10.0.0.1:8080/health \\
                  --health web-02=http://10.0.0.2:8080/health \\
                  --health web-03=http://10.0.0.3:8080/health \\
                  --latency-p95-ms 1000 \\
                  --haproxy-socket /run/haproxy/admin.sock
                """);
        assertThat(run.out()).contains("""
                echo 'show servers state web' | socat stdio unix-connect:/run/haproxy/admin.sock
                echo 'set server web/web-01 state ready' | socat stdio unix-connect:/run/haproxy/admin.sock
                echo 'set server web/web-01 weight 3' | socat stdio unix-connect:/run/haproxy/admin.sock
                echo 'set server web/web-02 state ready' | socat stdio unix-connect:/run/haproxy/admin.sock
                echo 'set server web/web-02 weight 1' | socat stdio unix-connect:/run/haproxy/admin.sock
                echo 'set server web/web-03 state ready' | socat stdio unix-connect:/run/haproxy/admin.sock
                """);
        assertThat(run.out()).contains("| web-03 | `10.0.0.3:8080` | 1 | backup | no |")
                .contains("curl -fsS -o /dev/null -w 'web-01 %{http_code} %{time_total}s\\n' "
                        + "http://10.0.0.1:8080/health")
                .contains("RELEASE_GATE_POOL=web \\\n  sh -c './deploy.sh --revision $RELEASE_GATE_BASE'")
                .contains("`release-gate/shop/web/<first 12 hex digits of the change digest>`");
    }

    @Test
    void shouldSayThatNobodyIsPagedWithoutAnEscalationSection(@TempDir Path dir) throws Exception {
        // arrange
        repo(dir);
        Path policy = dir.resolve("other.yml");
        Files.writeString(policy, "verify:\n  lb: http://127.0.0.1:8080/\n  pool: web\n");

        // act
        CliRun run = CliRun.of("playbook", "--repo", dir.toString(), "--config", policy.toString(), "--output",
                dir.resolve("playbook.md").toString());

        // assert
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("playbook.md"))).contains("**Nobody**: the policy has no "
                + "`escalation:` section").contains("No rollback command is configured");
    }

    @Test
    void shouldExitTwoNamingTheMissingPool(@TempDir Path dir) throws Exception {
        // arrange
        repo(dir);
        Path policy = dir.resolve("other.yml");
        Files.writeString(policy, "verify:\n  lb: http://127.0.0.1:8080/\n  pool: api\n");

        // act
        CliRun run = CliRun.of("playbook", "--repo", dir.toString(), "--config", policy.toString());

        // assert
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("verify.pool 'api' is not declared in any load-balancer file at HEAD");
    }

    private static void repo(Path dir) {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            repo.write("haproxy.cfg", HAPROXY).write(".releasegate.yml", POLICY).commit("pool");
        }
    }
}
