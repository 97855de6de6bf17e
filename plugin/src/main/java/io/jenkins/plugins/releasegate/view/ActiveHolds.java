package io.jenkins.plugins.releasegate.view;

import io.releasegate.hold.HoldTimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The job page's "Active holds": the holds in force that the latest build with a verification judged its pools by,
 * seen from the time the page is rendered. A hold that was HELD at the build and has ended since says so, and that
 * the next verification will check the server is back; an OVERDUE one stays overdue (its server was still out).
 */
public final class ActiveHolds {
    private final int number;
    private final String url;
    private final long judgedAt;
    private final List<Row> rows = new ArrayList<>();

    private ActiveHolds(int number, String url, List<HoldView> holds, long now) {
        this.number = number;
        this.url = url;
        this.judgedAt = holds.stream().mapToLong(HoldView::judgedAtMillis).max().orElse(0);
        holds.forEach(hold -> rows.add(new Row(hold, number, now)));
    }

    /**
     * @param number the build's number
     * @param url    the build's URL relative to the root ({@code job/lb-monitor/12/})
     * @param holds  the holds in force its verifications judged by
     * @param now    the time the page is rendered, in epoch milliseconds
     * @return null when there is no hold to show
     */
    public static ActiveHolds of(int number, String url, List<HoldView> holds, long now) {
        return holds.isEmpty() ? null : new ActiveHolds(number, url, holds, now);
    }

    /** The build the holds come from. */
    public int getNumber() {
        return number;
    }

    public String getUrl() {
        return url;
    }

    /** When that build's verification judged them: {@code 2026-12-03 14:21:41 UTC}. */
    public String getTime() {
        return Human.time(judgedAt);
    }

    public List<Row> getRows() {
        return List.copyOf(rows);
    }

    /** One hold, with its state and time left now. */
    public static final class Row {
        private final HoldView hold;
        private final int number;
        private final long now;

        Row(HoldView hold, int number, long now) {
            this.hold = hold;
            this.number = number;
            this.now = now;
        }

        /** Pool, servers, end, owner, reason and file:line, as the build recorded them. */
        public HoldView getHold() {
            return hold;
        }

        /** HELD; ENDED (held at the build, ended since); OVERDUE; UNCONFIRMED. */
        public String getState() {
            return hold.isHeld() && hold.untilMillis() <= now ? "ENDED" : hold.getState();
        }

        public String getStateBadge() {
            return Badge.status(getState());
        }

        /**
         * {@code 1h 5m left}; {@code ended 10m ago, after #12 verified it: the next verification checks it is back};
         * {@code due back 25m ago, still out when #12 verified}; {@code ended 25m ago, #12 could not tell whether
         * it is back}.
         */
        public String getTimeLeft() {
            String span = HoldTimes.duration(Duration.ofMillis(hold.untilMillis() - now));
            if (hold.isHeld()) {
                return hold.untilMillis() > now ? span + " left" : "ended " + span + " ago, after #" + number
                        + " verified it: the next verification checks it is back";
            }
            return hold.isOverdue() ? "due back " + span + " ago, still out when #" + number + " verified"
                    : "ended " + span + " ago, #" + number + " could not tell whether it is back";
        }
    }
}
