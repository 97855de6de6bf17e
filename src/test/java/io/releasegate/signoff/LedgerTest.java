package io.releasegate.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final String DIGEST = "sha256:cd34cd34cd34cd34cd34cd34cd34cd34";
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void shouldKeepDecisionsAndOutcomesInOrder() {
        Ledger ledger = new Ledger();
        Approval bob = new Approval("bob", Set.of(), Decision.APPROVE, "fine", NOW, DIGEST);
        SignOffDecision decision = SignOff.evaluate(DIGEST, SignOffPolicy.of("bob", 1, null), List.of(), List.of(bob),
                NOW);

        ledger.record(bob);
        ledger.record(decision, DIGEST, NOW);

        assertThat(ledger.entries()).extracting(AuditEntry::kind)
                .containsExactly(AuditEntry.Kind.APPROVE, AuditEntry.Kind.OUTCOME);
        assertThat(ledger.decisions()).hasSize(1);
        assertThat(ledger.entries().get(0).describe())
                .isEqualTo("2026-11-24T12:00:00Z bob APPROVE sha256:cd34cd34cd34… \"fine\"");
        assertThat(ledger.entries().get(1).comment()).isEqualTo("RELEASED: released: 1 of 1 required approvals (bob)");
    }

    @Test
    void shouldSurviveJavaSerialization() throws IOException, ClassNotFoundException {
        Ledger ledger = new Ledger();
        ledger.record(new Approval("bob", Set.of("lb-reviewers"), Decision.REJECT, "no", NOW, DIGEST, "Bob",
                "bob@example.com"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ledger);
        }
        Ledger copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Ledger) in.readObject();
        }

        assertThat(copy.entries()).isEqualTo(ledger.entries());
    }
}
