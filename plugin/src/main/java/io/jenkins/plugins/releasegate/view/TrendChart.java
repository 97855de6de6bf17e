package io.jenkins.plugins.releasegate.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The job page's trend over the last builds, as SVG geometry: one column per build, oldest on the left, failed
 * builds included: the verdict (a square), the worst backend's observed share against its declared share (a bar
 * and a tick), and how long the sign-off took (a bar). Jelly draws what the getters say.
 */
public final class TrendChart {
    /** Builds shown at most. */
    public static final int BUILDS = 20;
    static final int COLUMN = 32;
    static final int LEFT = 44;
    static final int SHARE_TOP = 28;
    static final int SHARE_HEIGHT = 100;
    static final int SIGN_OFF_TOP = 156;
    static final int SIGN_OFF_HEIGHT = 36;

    private final List<Column> columns = new ArrayList<>();
    private final long maxSignOffMinutes;

    /** @param builds newest first, as {@code Job.getBuilds()} gives them; at most {@link #BUILDS} are drawn */
    public TrendChart(List<Build> builds) {
        List<Build> shown = new ArrayList<>(builds.subList(0, Math.min(BUILDS, builds.size())));
        java.util.Collections.reverse(shown);
        long max = 0;
        for (Build build : shown) {
            max = Math.max(max, build.signOffMinutes);
        }
        this.maxSignOffMinutes = max;
        for (int i = 0; i < shown.size(); i++) {
            columns.add(new Column(i, shown.get(i), max));
        }
    }

    public List<Column> getColumns() {
        return List.copyOf(columns);
    }

    /**
     * Whether any build is drawn. Not {@code isEmpty()}: {@code empty} is a keyword of the JEXL that Jenkins renders
     * views with, so {@code ${trend.empty}} does not parse and breaks the page that includes it.
     */
    public boolean isHasBuilds() {
        return !columns.isEmpty();
    }

    public int getWidth() {
        return LEFT + Math.max(1, columns.size()) * COLUMN + 8;
    }

    public int getHeight() {
        return SIGN_OFF_TOP + SIGN_OFF_HEIGHT + 18;
    }

    /** Right end of the axes. */
    public int getRight() {
        return LEFT + columns.size() * COLUMN;
    }

    /** {@code 0 min} to the longest sign-off drawn, for the bottom axis label. */
    public String getSignOffScale() {
        return maxSignOffMinutes <= 0 ? "no sign-off" : "sign-off, longest " + minutes(maxSignOffMinutes);
    }

    static String minutes(long minutes) {
        return minutes < 60 ? minutes + " min" : String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
    }

    /** What one build contributes: filled in by the job page from the build's Release Gate action. */
    public static final class Build {
        final int number;
        final String url;
        final String verdict;
        final String risk;
        final String signOff;
        final long signOffMinutes;
        final String worstServer;
        final double observed;
        final double declared;

        /**
         * @param verdict        the outcome shown (PASS, RECOVERED, UNRECOVERED, FAIL, NONE, ...)
         * @param signOffMinutes how long the sign-off took, or -1 when there was none
         * @param worstServer    the declared backend furthest from its share, or null when nothing was verified
         */
        public Build(int number, String url, String verdict, String risk, String signOff, long signOffMinutes,
                String worstServer, double observed, double declared) {
            this.number = number;
            this.url = url;
            this.verdict = verdict;
            this.risk = risk == null ? "" : risk;
            this.signOff = signOff == null ? "NONE" : signOff;
            this.signOffMinutes = signOffMinutes;
            this.worstServer = worstServer;
            this.observed = observed;
            this.declared = declared;
        }
    }

    /** One build's column. */
    public static final class Column {
        private final int x;
        private final Build build;
        private final long maxSignOff;

        Column(int index, Build build, long maxSignOff) {
            this.x = LEFT + index * COLUMN;
            this.build = build;
            this.maxSignOff = maxSignOff;
        }

        public int getX() {
            return x;
        }

        /** The middle of the column, for labels. */
        public int getCenter() {
            return x + COLUMN / 2 - 2;
        }

        public int getNumber() {
            return build.number;
        }

        public String getUrl() {
            return build.url;
        }

        public String getVerdict() {
            return build.verdict;
        }

        /** {@code rg-trend-pass}, {@code rg-trend-fail}, {@code rg-trend-warn}, {@code rg-trend-none}. */
        public String getVerdictClass() {
            return switch (build.verdict) {
                case "PASS", "PASSED" -> "rg-trend-pass";
                case "RECOVERED", "ROLLED_BACK", "INCONCLUSIVE" -> "rg-trend-warn";
                case "NONE" -> "rg-trend-none";
                default -> "rg-trend-fail";
            };
        }

        public boolean isVerified() {
            return build.worstServer != null;
        }

        public int getObservedHeight() {
            return (int) Math.round(build.observed * SHARE_HEIGHT);
        }

        public int getObservedY() {
            return SHARE_TOP + SHARE_HEIGHT - getObservedHeight();
        }

        public int getDeclaredY() {
            return SHARE_TOP + SHARE_HEIGHT - (int) Math.round(build.declared * SHARE_HEIGHT);
        }

        public boolean isHasSignOff() {
            return build.signOffMinutes >= 0;
        }

        public int getSignOffHeight() {
            if (build.signOffMinutes < 0 || maxSignOff <= 0) {
                return build.signOffMinutes >= 0 ? 1 : 0;
            }
            return Math.max(1, (int) Math.round((double) build.signOffMinutes / maxSignOff * SIGN_OFF_HEIGHT));
        }

        public int getSignOffY() {
            return SIGN_OFF_TOP + SIGN_OFF_HEIGHT - getSignOffHeight();
        }

        /** The tooltip: {@code #42: RECOVERED; web-02 got 0.0 % of its declared 50.0 %; sign-off RELEASED in 12 min}. */
        public String getTitle() {
            StringBuilder title = new StringBuilder("#").append(build.number).append(": ").append(build.verdict);
            if (!build.risk.isEmpty()) {
                title.append(", ").append(build.risk).append(" risk");
            }
            if (build.worstServer != null) {
                title.append("; ").append(build.worstServer).append(" got ").append(Human.percent(build.observed))
                        .append(" of its declared ").append(Human.percent(build.declared));
            }
            title.append("; sign-off ").append(build.signOff);
            if (build.signOffMinutes >= 0) {
                title.append(" in ").append(minutes(build.signOffMinutes));
            }
            return title.toString();
        }
    }
}
