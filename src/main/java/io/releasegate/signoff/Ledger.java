package io.releasegate.signoff;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only audit trail of one sign-off: every decision and every rule outcome, in the order they happened.
 * Entries are never changed or removed. Thread-safe; the Jenkins plugin persists it with the build.
 */
public final class Ledger implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<AuditEntry> entries = new ArrayList<>();

    public Ledger() {
    }

    /** A ledger holding {@code entries}, e.g. read back from storage. */
    public Ledger(List<AuditEntry> entries) {
        this.entries.addAll(entries);
    }

    public synchronized void append(AuditEntry entry) {
        entries.add(entry);
    }

    /** Records a reviewer's decision. */
    public void record(Approval approval) {
        append(AuditEntry.of(approval));
    }

    /** Records what the rules decided: the status and the summary in words. */
    public void record(SignOffDecision decision, String digest, Instant now) {
        append(new AuditEntry(now, AuditEntry.RULES, AuditEntry.Kind.OUTCOME,
                decision.status() + ": " + decision.summary(), digest));
    }

    public synchronized List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    /** The approvals and rejects recorded so far, in order; what {@link SignOff#evaluate} needs. */
    public synchronized List<AuditEntry> decisions() {
        return entries.stream()
                .filter(e -> e.kind() == AuditEntry.Kind.APPROVE || e.kind() == AuditEntry.Kind.REJECT)
                .toList();
    }

    public synchronized int size() {
        return entries.size();
    }
}
