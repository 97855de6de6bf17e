package io.releasegate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.verify.probe.ProbeResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendIdentifierTest {
    private final ProbeResponse response = new ProbeResponse(200, Map.of("x-served-by", List.of("web-02"),
            "set-cookie", List.of("session=abc; Path=/", "SERVERID=web-01; Path=/")), "served by web-03\n");

    @Test
    void shouldReadAHeaderCaseInsensitively() {
        assertThat(BackendIdentifier.parse("header:X-SERVED-BY").identify(response)).contains("web-02");
        assertThat(BackendIdentifier.DEFAULT.identify(response)).contains("web-02");
    }

    @Test
    void shouldReadACookie() {
        assertThat(BackendIdentifier.parse("cookie:SERVERID").identify(response)).contains("web-01");
    }

    @Test
    void shouldReadTheFirstGroupOfABodyExpression() {
        assertThat(BackendIdentifier.parse("body:served by (\\S+)").identify(response)).contains("web-03");
        assertThat(BackendIdentifier.parse("body:nothing (\\S+)").identify(response)).isEmpty();
    }

    @Test
    void shouldRejectBadSpecsWithTheReason() {
        assertThatThrownBy(() -> BackendIdentifier.parse("X-Served-By")).hasMessageContaining("expected header:NAME");
        assertThatThrownBy(() -> BackendIdentifier.parse("query:x")).hasMessageContaining("expected header:NAME");
        assertThatThrownBy(() -> BackendIdentifier.parse("body:web")).hasMessageContaining("needs a group");
        assertThatThrownBy(() -> BackendIdentifier.parse("body:(")).hasMessageContaining("not a regular expression");
        assertThatThrownBy(() -> BackendIdentifier.parse("header:a b")).hasMessageContaining("not a valid header");
    }
}
