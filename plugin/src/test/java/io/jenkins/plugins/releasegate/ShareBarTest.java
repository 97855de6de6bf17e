package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShareBarTest {
    @Test
    void shouldShowADeclaredBackendWithoutTrafficAsZero() {
        Map<String, Object> result = Map.of(
                "expected", Map.of("web-01", 1, "web-02", 1),
                "observed", List.of(Map.of("server", "web-01", "count", 11)));

        List<ShareBar> bars = ShareBar.of(result);

        assertThat(bars).extracting(ShareBar::getServer).containsExactlyInAnyOrder("web-01", "web-02");
        ShareBar web02 = bars.stream().filter(b -> b.getServer().equals("web-02")).findFirst().orElseThrow();
        assertThat(web02.getExpectedPercent()).isEqualTo(50.0);
        assertThat(web02.getObservedPercent()).isZero();
        assertThat(web02.getExpectedLabel()).isEqualTo("50.0 %");
    }

    @Test
    void shouldNormaliseWeightsAndCountsToPercent() {
        Map<String, Object> result = Map.of(
                "expected", List.of(Map.of("name", "a", "weight", 3), Map.of("name", "b", "weight", 1)),
                "observed", Map.of("a", Map.of("count", 60), "b", Map.of("count", 40)));

        List<ShareBar> bars = ShareBar.of(result);

        assertThat(bars).extracting(ShareBar::getExpectedPercent).containsExactly(75.0, 25.0);
        assertThat(bars).extracting(ShareBar::getObservedPercent).containsExactlyInAnyOrder(60.0, 40.0);
    }

    @Test
    void shouldDrawNothingWithoutData() {
        assertThat(ShareBar.of(Map.of("verdict", "ERROR"))).isEmpty();
    }
}
