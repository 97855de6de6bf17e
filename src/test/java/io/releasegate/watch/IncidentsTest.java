package io.releasegate.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.releasegate.paging.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentsTest {
    private static Finding drift() {
        return new Finding("web", "drift", Severity.ERROR, "web-02 is in MAINT", List.of(), 2, List.of());
    }

    private static Finding reminder() {
        return new Finding("web", "hold/web-02", Severity.WARNING, "web-02 is due back at 18:00", List.of(), 1,
                List.of("alice-pd"));
    }

    private static Finding expired() {
        return new Finding("web", "hold/web-02", Severity.CRITICAL, "web-02 was due back at 18:00", List.of(), 1,
                List.of("alice-pd"));
    }

    @Test
    void shouldPageOnlyAfterTwoConsecutiveFailingCyclesAndResolveOnRecovery() {
        Incidents incidents = new Incidents(2);

        List<PageOrder> first = incidents.observe("web", List.of(drift()));
        List<PageOrder> second = incidents.observe("web", List.of(drift()));
        List<PageOrder> third = incidents.observe("web", List.of(drift()));
        incidents.delivered("web/drift", "oncall-pd");
        List<PageOrder> recovered = incidents.observe("web", List.of());

        assertThat(first).isEmpty();
        assertThat(second).extracting(PageOrder::kind, PageOrder::key, PageOrder::route)
                .containsExactly(tuple(PageOrder.Kind.TRIGGER, "web/drift", List.of(PageOrder.CHAIN)));
        assertThat(third).isEmpty();
        assertThat(recovered).extracting(PageOrder::kind, PageOrder::route)
                .containsExactly(tuple(PageOrder.Kind.RESOLVE, List.of("oncall-pd")));
        assertThat(incidents.open()).isEmpty();
    }

    @Test
    void shouldForgetOneLostPacketWithoutPaging() {
        Incidents incidents = new Incidents(2);

        List<PageOrder> blip = incidents.observe("web", List.of(drift()));
        List<PageOrder> fine = incidents.observe("web", List.of());
        List<PageOrder> blipAgain = incidents.observe("web", List.of(drift()));

        assertThat(blip).isEmpty();
        assertThat(fine).isEmpty();
        assertThat(blipAgain).isEmpty();
    }

    @Test
    void shouldKeepTheStateOfAPoolThatWasNotObserved() {
        Incidents incidents = new Incidents(1);
        incidents.observe("web", List.of(drift()));

        List<PageOrder> otherPool = incidents.observe("api", List.of());

        assertThat(otherPool).isEmpty();
        assertThat(incidents.failingCauses("web")).containsExactly("drift");
    }

    @Test
    void shouldRemindTheOwnerThenPageTheExpiryToTheOwnerThenEscalateToTheChain() {
        Incidents incidents = new Incidents(2);

        List<PageOrder> remind = incidents.observe("web", List.of(reminder()));
        incidents.delivered("web/hold/web-02", "alice-pd");
        List<PageOrder> stillReminded = incidents.observe("web", List.of(reminder()));
        List<PageOrder> expiry = incidents.observe("web", List.of(expired()));
        List<PageOrder> escalation = incidents.observe("web", List.of(expired()));
        List<PageOrder> quiet = incidents.observe("web", List.of(expired()));
        incidents.delivered("web/hold/web-02", "oncall-pd");
        List<PageOrder> back = incidents.observe("web", List.of());

        assertThat(remind).extracting(PageOrder::kind, PageOrder::route)
                .containsExactly(tuple(PageOrder.Kind.TRIGGER, List.of("alice-pd", PageOrder.CHAIN)));
        assertThat(remind.get(0).finding().severity()).isEqualTo(Severity.WARNING);
        assertThat(stillReminded).isEmpty();
        assertThat(expiry).extracting(PageOrder::kind, PageOrder::route)
                .containsExactly(tuple(PageOrder.Kind.TRIGGER, List.of("alice-pd", PageOrder.CHAIN)));
        assertThat(expiry.get(0).finding().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalation).extracting(PageOrder::kind, PageOrder::route)
                .containsExactly(tuple(PageOrder.Kind.ESCALATE, List.of(PageOrder.CHAIN)));
        assertThat(quiet).isEmpty();
        assertThat(back).extracting(PageOrder::kind, PageOrder::route)
                .containsExactly(tuple(PageOrder.Kind.RESOLVE, List.of("alice-pd", "oncall-pd")));
    }

    @Test
    void shouldNotEscalateWhenTheChainAlreadyHasThePage() {
        Incidents incidents = new Incidents(2);

        incidents.observe("web", List.of(expired()));
        incidents.delivered("web/hold/web-02", "oncall-pd");
        List<PageOrder> second = incidents.observe("web", List.of(expired()));

        assertThat(second).isEmpty();
    }
}
