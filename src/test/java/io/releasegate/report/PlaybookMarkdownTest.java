package io.releasegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.config.YamlReader;
import io.releasegate.gate.GateInputs;
import io.releasegate.gate.GateSettings;
import io.releasegate.policy.Policy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The incident playbook, rendered straight from the inputs. */
class PlaybookMarkdownTest {
    private static final Pool POOL = new Pool("web", "roundrobin", "", "haproxy.cfg", 11, List.of(
            Server.builder("web-01").address("10.0.0.1", 80).build()));

    private static GateInputs inputs(String verify) throws Exception {
        GateSettings settings = GateSettings.read(YamlReader.read("p.yml", verify).get("verify"), "p.yml");
        return new GateInputs(Policy.defaults(), settings, Optional.empty(), Optional.empty(), POOL);
    }

    @Test
    void shouldGiveTheVerifyCommandOfTheSpecAndWarnOfASinglePointOfFailure() throws Exception {
        // arrange
        GateInputs inputs = inputs("verify:\n  lb: http://127.0.0.1:8080/\n  pool: web\n  rate: 20\n"
                + "  healthPath: /health\n  stats: http://127.0.0.1:8404/;csv\n");

        // act
        String md = PlaybookMarkdown.render(new PlaybookMarkdown.Input(inputs, ".releasegate.yml", "shop", "", ""));

        // assert
        assertThat(md).contains("release-gate verify \\\n  --lb http://127.0.0.1:8080/ \\\n  --pool web \\\n"
                + "  --expect web-01=1 \\\n  --algorithm roundrobin")
                .contains("--rate 20 --concurrency 4")
                .contains("--health web-01=http://10.0.0.1:80/health")
                .contains("--stats 'http://127.0.0.1:8404/;csv'") // one shell word: the ';' must not end the command
                .contains("**Warning:** only 1 server takes traffic")
                .contains("**Nobody**: the policy has no `escalation:` section");
    }

    @Test
    void shouldSayThePagesGoOutBeforeTheRollback() throws Exception {
        // act
        String md = PlaybookMarkdown.render(new PlaybookMarkdown.Input(inputs("verify:\n  lb: http://lb/\n"
                + "  pool: web\n"), ".releasegate.yml", "shop", "./rollback.sh", ""));

        // assert
        assertThat(md).contains("the moment the verification (or the deploy) failed, before anything is rolled "
                + "back").contains("RELEASE_GATE_POOL=web").contains("sh -c ./rollback.sh\n")
                .contains("unix-connect:/run/haproxy/admin.sock");
    }
}
