package io.releasegate.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.paging.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchStateTest {
    private static Finding drift() {
        return new Finding("web", "drift", Severity.CRITICAL, "web-02 is in MAINT", List.of("FAIL drift web-02: x"), 2,
                List.of());
    }

    @Test
    void shouldLetTheNextOneShotRunCountOnAndResolveWhatAnEarlierOnePaged() {
        Incidents first = new Incidents(2);
        first.observe("web", List.of(drift()));
        Incidents second = new Incidents(2);
        WatchState.restore(WatchState.toJson(first), second);
        List<PageOrder> paged = second.observe("web", List.of(drift()));
        second.delivered("web/drift", "oncall-pd");
        Incidents third = new Incidents(2);
        WatchState.restore(WatchState.toJson(second), third);

        List<PageOrder> resolved = third.observe("web", List.of());

        assertThat(paged).extracting(PageOrder::kind).containsExactly(PageOrder.Kind.TRIGGER);
        assertThat(resolved).singleElement().satisfies(order -> {
            assertThat(order.kind()).isEqualTo(PageOrder.Kind.RESOLVE);
            assertThat(order.route()).containsExactly("oncall-pd");
        });
    }

    @Test
    void shouldRefuseWhatIsNoStateFile() {
        assertThatThrownBy(() -> WatchState.restore("[1, 2]", new Incidents(2)))
                .hasMessageContaining("not a watch state file");
        assertThatThrownBy(() -> WatchState.restore("{\"version\": 1, \"incidents\": [{\"pool\": \"web\"}]}",
                new Incidents(2))).hasMessage("watch state: an incident without 'cause'");
    }
}
