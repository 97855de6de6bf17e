package io.releasegate.diff;

import io.releasegate.config.ConfigParseException;
import io.releasegate.hold.Hold;
import io.releasegate.hold.HoldTimes;
import io.releasegate.hold.Holds;
import io.releasegate.hold.HoldsFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a change does to {@code .releasegate/holds.yml}, and how holds explain the rest of it:
 * <ul>
 *   <li>{@code HOLD_ADDED}, {@code HOLD_EXTENDED}, {@code HOLD_REMOVED} per held server; any other edit of a hold
 *       (shortened, owner, reason, contact) is {@code OTHER_CHANGE};</li>
 *   <li>a server removed or disabled within a hold says so in words ("planned until 18:00, hold by alice: load
 *       test"). Only a hold the base revision already had (an approved one) marks the change as
 *       {@link Change#planned() planned}, which the policy may rate lower: a hold added by the change itself is named
 *       but judges nothing;</li>
 *   <li>a holds file that cannot be read at head, or a hold longer than {@code holds.maxDuration}, is
 *       {@code CONFIG_UNPARSEABLE} with its file and line.</li>
 * </ul>
 */
final class HoldChanges {
    private final Holds base;
    private final Holds head;
    private final List<Change> changes = new ArrayList<>();
    private final List<DiffResult.ParseError> errors = new ArrayList<>();
    private final Instant now;

    private HoldChanges(Holds base, Holds head, Instant now) {
        this.base = base;
        this.head = head;
        this.now = now;
    }

    /** Reads the holds at both revisions (absent = none) under the judging policy's cap. */
    static HoldChanges between(GitRepository repository, String base, String head, Duration maxDuration, Instant now)
            throws RepositoryException {
        Optional<String> before = repository.read(base, HoldsFile.PATH);
        Optional<String> after = repository.read(head, HoldsFile.PATH);
        List<DiffResult.ParseError> errors = new ArrayList<>();
        List<Change> unreadable = new ArrayList<>();
        Holds baseHolds = Holds.none(HoldsFile.PATH);
        if (before.isPresent()) {
            try {
                // the base was approved under its own clock: only the cap is checked again
                baseHolds = HoldsFile.parseApproved(HoldsFile.PATH, before.get(), maxDuration);
            } catch (ConfigParseException e) {
                errors.add(error(e, "base"));
            }
        }
        Holds headHolds = Holds.none(HoldsFile.PATH);
        if (after.isPresent()) {
            try {
                headHolds = HoldsFile.parse(HoldsFile.PATH, after.get(), maxDuration, now);
            } catch (ConfigParseException e) {
                errors.add(error(e, "head"));
                unreadable.add(new Change(ChangeKind.CONFIG_UNPARSEABLE, e.file(), e.line(), "", "", "", "",
                        e.file() + " is refused at the head revision" + e.atLine() + ": " + e.reason()
                                + ". No hold in it counts."));
            }
        }
        HoldChanges result = new HoldChanges(baseHolds, headHolds, now);
        result.errors.addAll(errors);
        result.changes.addAll(unreadable);
        if (unreadable.isEmpty()) {
            result.compare();
        }
        return result;
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    List<DiffResult.ParseError> errors() {
        return List.copyOf(errors);
    }

    private void compare() {
        for (Hold old : base.holds()) {
            Optional<Hold> now = head.of(old.pool(), old.server());
            if (now.isEmpty()) {
                changes.add(change(ChangeKind.HOLD_REMOVED, old, describe(old), "",
                        "Hold on " + old.target() + " removed (was until " + clock(old.until()) + ", "
                                + old.byWhom() + ")" + (old.activeAt(this.now) ? ": " + old.server()
                                + " is expected back in pool " + old.pool() + " now." : ".")));
            } else {
                compareOne(old, now.get());
            }
        }
        for (Hold added : head.holds()) {
            if (base.of(added.pool(), added.server()).isEmpty()) {
                changes.add(change(ChangeKind.HOLD_ADDED, added, "", describe(added),
                        "Hold added: " + added.server() + " may be out of pool " + added.pool() + " until "
                                + clock(added.until()) + " (" + HoldTimes.duration(added.length()) + ", "
                                + added.byWhom() + contactWords(added) + ")."));
            }
        }
    }

    private void compareOne(Hold old, Hold now) {
        List<String> edits = new ArrayList<>();
        if (!old.reason().equals(now.reason())) {
            edits.add("reason '" + old.reason() + "' -> '" + now.reason() + "'");
        }
        if (!old.owner().equals(now.owner())) {
            edits.add("owner " + old.owner() + " -> " + now.owner());
        }
        if (!old.contact().equals(now.contact())) {
            edits.add("contact " + orNone(old.contact()) + " -> " + orNone(now.contact()));
        }
        if (now.until().isAfter(old.until())) {
            changes.add(change(ChangeKind.HOLD_EXTENDED, now, old.until().toString(), now.until().toString(),
                    "Hold on " + now.target() + " extended from " + clock(old.until()) + " to " + clock(now.until())
                            + " (" + now.byWhom() + ")" + (edits.isEmpty() ? "." : "; " + String.join("; ", edits)
                            + ".")));
            return;
        }
        if (now.until().isBefore(old.until())) {
            edits.add(0, "ends at " + clock(now.until()) + " instead of " + clock(old.until()));
        }
        if (!edits.isEmpty()) {
            changes.add(change(ChangeKind.OTHER_CHANGE, now, describe(old), describe(now),
                    "Hold on " + now.target() + " changed: " + String.join("; ", edits) + "."));
        }
    }

    /**
     * The changes with removals and disables of held servers explained: planned under an approved hold (marked, so
     * the policy may rate them), or under a hold this change adds (named only).
     */
    List<Change> explain(List<Change> poolChanges) {
        List<Change> explained = new ArrayList<>();
        for (Change change : poolChanges) {
            if (change.kind() != ChangeKind.SERVER_REMOVED && change.kind() != ChangeKind.SERVER_DISABLED) {
                explained.add(change);
                continue;
            }
            Optional<Hold> approved = base.activeOn(change.pool(), change.server(), now)
                    .filter(hold -> head.of(hold.pool(), hold.server()).isPresent());
            Optional<Hold> added = head.activeOn(change.pool(), change.server(), now);
            if (approved.isPresent()) {
                Hold hold = head.of(change.pool(), change.server()).orElse(approved.get());
                explained.add(new Change(change.kind(), change.file(), change.line(), change.pool(), change.server(),
                        change.before(), change.after(), change.message() + " Planned until " + clock(hold.until())
                                + ", " + hold.byWhom() + ".", hold.target() + " until " + hold.until() + ", "
                                + hold.byWhom()));
            } else if (added.isPresent()) {
                Hold hold = added.get();
                explained.add(new Change(change.kind(), change.file(), change.line(), change.pool(), change.server(),
                        change.before(), change.after(), change.message() + " Planned under a hold this change adds"
                                + " (until " + clock(hold.until()) + ", " + hold.byWhom() + "): the hold is reviewed"
                                + " with it."));
            } else {
                explained.add(change);
            }
        }
        return explained;
    }

    private Change change(ChangeKind kind, Hold hold, String before, String after, String message) {
        return new Change(kind, hold.file(), hold.line(), hold.pool(), hold.server(), before, after, message);
    }

    /** The canonical value of a hold for the digest: everything but {@code since} and the line. */
    private static String describe(Hold hold) {
        return "until " + hold.until() + ", owner " + hold.owner() + ", reason " + hold.reason()
                + (hold.contact().isEmpty() ? "" : ", contact " + hold.contact());
    }

    private String clock(Instant time) {
        return HoldTimes.clock(time, now);
    }

    private static String contactWords(Hold hold) {
        return hold.contact().isEmpty() ? "" : ", paged through " + hold.contact();
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "(none)" : text;
    }

    private static DiffResult.ParseError error(ConfigParseException e, String revision) {
        return new DiffResult.ParseError(e.file() == null ? "" : e.file(), e.line(), e.column(), e.reason(),
                revision);
    }
}
