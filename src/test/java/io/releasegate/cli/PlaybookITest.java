package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.drill.EmbeddedBalancer;
import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The playbook's "check the pool" command is exact: run as printed, it verifies the real pool. */
class PlaybookITest {
    private static final Pattern CHECK = Pattern.compile("## 4\\. Check the pool.*?```sh\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Test
    void shouldPrintAVerifyCommandThatPassesAgainstTheLivePool(@TempDir Path dir) throws Exception {
        try (HttpBackend web1 = HttpBackend.start("web-01"); HttpBackend web2 = HttpBackend.start("web-02");
                EmbeddedBalancer lb = EmbeddedBalancer.start(0, "web")) {
            // arrange
            String config = "backend web\n    balance roundrobin\n    server web-01 " + web1.address()
                    + " check\n    server web-02 " + web2.address() + " check\n";
            lb.apply("haproxy.cfg", config);
            try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
                repo.write("haproxy.cfg", config).write(".releasegate.yml", "verify:\n  lb: " + lb.url()
                        + "\n  pool: web\n  rate: 200\n  healthPath: /health\n").commit("pool");
            }
            CliRun playbook = CliRun.of("playbook", "--repo", dir.toString());
            Matcher check = CHECK.matcher(playbook.out());
            assertThat(check.find()).as(playbook.out()).isTrue();
            String[] command = check.group(1).replace("\\\n", " ").trim().split("\\s+");
            assertThat(command[0]).isEqualTo("release-gate");

            // act
            CliRun verify = CliRun.of(java.util.Arrays.copyOfRange(command, 1, command.length));

            // assert
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("PASS");
            assertThat(web1.requests()).isPositive();
            assertThat(web2.requests()).isPositive();
        }
    }
}
