package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasegate.agent.JsonMaps;
import io.jenkins.plugins.releasegate.agent.LogLines;
import io.releasegate.log.BufferedLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {
    @Test
    void shouldReplayTheEnginesLogInOrderWithItsLevelsAfterAJsonRoundTrip() {
        // arrange: what an agent logged, sent over the channel as JSON
        BufferedLog agent = new BufferedLog();
        agent.info("verify: pool %s", "web");
        agent.warn("only %d requests", 12);
        agent.error("page %s undelivered", "release-gate/job/web");
        String wire = JsonMaps.write(java.util.Map.of("log", LogLines.of(agent)));

        // act
        BufferedLog controller = new BufferedLog();
        LogLines.replay(JsonMaps.list(JsonMaps.parse(wire, "reply"), "log"), controller);

        // assert
        List<String> lines = new ArrayList<>();
        controller.entries().forEach(e -> lines.add(e.level() + " " + e.message()));
        assertThat(lines).containsExactly("INFO verify: pool web", "WARN only 12 requests",
                "ERROR page release-gate/job/web undelivered");
    }
}
