package io.jenkins.plugins.releasegate.view;

import io.jenkins.plugins.releasegate.agent.HoldInForce;
import io.releasegate.hold.Hold;
import io.releasegate.hold.HoldTimes;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One hold of {@code .releasegate/holds.yml} that was in force when a verification judged its pool, as the build's
 * page shows it: the servers of one entry of the file that share what the verification found (HELD, OVERDUE or
 * UNCONFIRMED), their end, owner and reason, and the time left at the verification. Kept with the verification in
 * the build's {@code release-gate/recovery-N.xml}.
 */
@ExportedBean(defaultVisibility = 3)
public final class HoldView implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String pool;
    private final ArrayList<String> servers = new ArrayList<>();
    private final long until;
    private final String owner;
    private final String reason;
    private final String where;
    private final String state;
    private final long judgedAt;

    private HoldView(HoldInForce first) {
        Hold hold = first.hold();
        this.pool = hold.pool();
        this.until = hold.until().toEpochMilli();
        this.owner = hold.owner();
        this.reason = hold.reason();
        this.where = hold.where();
        this.state = first.state().name();
        this.judgedAt = first.judgedAt().toEpochMilli();
    }

    /**
     * The holds in force as the page lists them: one row per entry of the holds file and state (an entry's servers
     * are one hold each in the engine), in file order.
     */
    public static List<HoldView> of(List<HoldInForce> holds) {
        Map<List<Object>, HoldView> rows = new LinkedHashMap<>();
        for (HoldInForce held : holds) {
            Hold hold = held.hold();
            List<Object> key = List.of(hold.pool(), hold.where(), hold.until(), hold.owner(), hold.reason(),
                    held.state(), held.judgedAt());
            rows.computeIfAbsent(key, k -> new HoldView(held)).servers.add(hold.server());
        }
        return List.copyOf(rows.values());
    }

    @Exported
    public String getPool() {
        return pool;
    }

    /** {@code web-02, web-03}. */
    @Exported
    public String getServers() {
        return Human.list(servers);
    }

    /** When the servers are due back: {@code 2026-12-03 18:00:00 UTC}. */
    @Exported
    public String getUntil() {
        return Human.time(until);
    }

    long untilMillis() {
        return until;
    }

    @Exported
    public String getOwner() {
        return owner;
    }

    @Exported
    public String getReason() {
        return reason;
    }

    /** Where the hold is written: {@code .releasegate/holds.yml:2}. */
    @Exported
    public String getWhere() {
        return where;
    }

    /** HELD, OVERDUE (ended, the server still out) or UNCONFIRMED (ended, not known whether back). */
    @Exported
    public String getState() {
        return state;
    }

    public String getStateBadge() {
        return Badge.status(state);
    }

    public boolean isOverdue() {
        return HoldInForce.State.OVERDUE.name().equals(state);
    }

    boolean isHeld() {
        return HoldInForce.State.HELD.name().equals(state);
    }

    /** When the verification judged the hold, in epoch milliseconds. */
    long judgedAtMillis() {
        return judgedAt;
    }

    /**
     * At the verification: {@code 1h 5m left}; {@code due back 12m before, still out};
     * {@code ended 12m before, not known whether back}.
     */
    @Exported
    public String getTimeLeft() {
        String span = HoldTimes.duration(Duration.ofMillis(until - judgedAt));
        if (isHeld()) {
            return span + " left";
        }
        return isOverdue() ? "due back " + span + " before, still out" : "ended " + span
                + " before, not known whether back";
    }
}
