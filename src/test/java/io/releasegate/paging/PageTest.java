package io.releasegate.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageTest {
    @Test
    void shouldTruncateTheSummaryTo1024CharactersWithAnEllipsis() {
        // arrange
        String longSummary = "x".repeat(2000);

        // act
        Page page = Page.trigger(TestPages.KEY, longSummary).timestamp(TestPages.TIME).build();

        // assert
        assertThat(page.summary()).hasSize(1024).endsWith("x\u2026");
    }

    @Test
    void shouldKeepAShortSummaryAsItIs() {
        // act
        Page page = Page.trigger(TestPages.KEY, "web-02 is out of the pool").build();

        // assert
        assertThat(page.summary()).isEqualTo("web-02 is out of the pool");
    }

    @Test
    void shouldBuildTheStableDedupKeyFromGatePoolAndDigest() {
        // act
        String key = Page.dedupKey("prod", "web", "sha256:0123456789ABCDEF0123");

        // assert
        assertThat(key).isEqualTo("release-gate/prod/web/0123456789ab");
        assertThat(Page.dedupKey("prod", "web", "0123456789abcdef")).isEqualTo(key);
    }

    @Test
    void shouldKeyAPoolWithoutAChangeByGateAndPoolAlone() {
        // act: a verification between deploys (a Jenkins monitor job) knows no change digest
        String key = Page.dedupKey("folder/lb-monitor", "web", null);

        // assert: one incident per job and pool; the folder separator cannot split the key
        assertThat(key).isEqualTo("release-gate/folder_lb-monitor/web");
    }

    @Test
    void shouldShortenAKeyOverPagerDutysLimitWithAHashOfTheWholeKey() {
        // arrange: a Jenkins job nested deep in folders
        String gate = "team/".repeat(60) + "lb-deploy";

        // act
        String key = Page.dedupKey(gate, "web", "sha256:0123456789abcdef");
        String other = Page.dedupKey(gate.replace("lb-deploy", "lb-deploy2"), "web", "sha256:0123456789abcdef");

        // assert: within the limit, usable in a page, and still distinct for another job
        assertThat(key).hasSize(Page.MAX_DEDUP_KEY).startsWith("release-gate/team_team_").matches(".*~[0-9a-f]{16}");
        assertThat(other).hasSize(Page.MAX_DEDUP_KEY).isNotEqualTo(key);
        assertThat(Page.trigger(key, "summary").build().dedupKey()).isEqualTo(key);
    }

    @Test
    void shouldRefuseADigestThatIsNotHex() {
        assertThatThrownBy(() -> Page.dedupKey("prod", "web", "not-a-digest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a hex digest");
    }

    @Test
    void shouldRefuseADedupKeyLongerThan255Characters() {
        assertThatThrownBy(() -> Page.trigger("k".repeat(256), "summary").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 255");
    }

    @Test
    void shouldKeepCustomDetailsInOrderAsPlainValues() {
        // act
        Page page = Page.trigger(TestPages.KEY, "s").detail("z", 1).detail("a", List.of("x", true))
                .detail("m", Map.of("k", 2.5)).detail("severity", Severity.ERROR).build();

        // assert
        assertThat(page.customDetails().keySet()).containsExactly("z", "a", "m", "severity");
        assertThat(page.customDetails()).containsEntry("severity", "ERROR");
    }

    @Test
    void shouldRefuseACustomDetailThatIsNotAPlainValue() {
        assertThatThrownBy(() -> Page.trigger(TestPages.KEY, "s").detail("thread", new Object()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customDetails.thread").hasMessageContaining("not a plain value");
    }

    @Test
    void shouldRoundTripThroughItsJsonForm() {
        // arrange
        Page page = TestPages.incident();

        // act
        Page read = PageJson.fromJson(PageJson.toJson(page));

        // assert
        assertThat(read).isEqualTo(page);
    }

    @Test
    void shouldSurviveJavaSerializationAsJenkinsPersistsIt() throws Exception {
        // arrange
        Page page = TestPages.incident();
        var bytes = new java.io.ByteArrayOutputStream();

        // act
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(page);
        }
        Object read;
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        // assert
        assertThat(read).isEqualTo(page);
    }

    @Test
    void shouldParseSeveritiesAndNameTheAllowedOnes() {
        assertThat(Severity.parse("Warning")).isEqualTo(Severity.WARNING);
        assertThatThrownBy(() -> Severity.parse("fatal")).hasMessageContaining("critical, error, warning, info");
    }
}
