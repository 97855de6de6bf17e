package io.jenkins.plugins.releasegate.view;

import io.jenkins.plugins.releasegate.agent.HoldInForce;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.stats.GofResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One verification of one pool as the build's page shows it: the shares per backend, the test, the checks, and the
 * holds in force it judged the pool by.
 */
@ExportedBean(defaultVisibility = 3)
public final class VerificationView implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Width in pixels of 100 % in the share chart. */
    static final int CHART_WIDTH = 400;

    private final String pool;
    private final String target;
    private final String verdict;
    private final long requests;
    private final long errors;
    private final long durationMs;
    private final String test;
    private final ArrayList<ShareRow> shares = new ArrayList<>();
    private final ArrayList<String> missing;
    private final ArrayList<String> unexpected;
    private final ArrayList<CheckRow> health = new ArrayList<>();
    private final ArrayList<CheckRow> drift = new ArrayList<>();
    private final ArrayList<String> reasons;
    /** Null in a view written before holds were kept (XStream leaves a missing field null). */
    private final ArrayList<HoldView> holds;

    private VerificationView(VerificationResult result, List<HoldInForce> holdsInForce) {
        this.pool = result.pool();
        this.target = result.target();
        this.verdict = result.verdict().name();
        this.requests = result.requests();
        this.errors = result.errors();
        this.durationMs = result.durationMs();
        this.test = test(result.test());
        long identified = result.observed().values().stream().mapToLong(Long::longValue).sum()
                + result.tally().unexpected().values().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<String, Double> entry : result.expected().entrySet()) {
            long count = result.observed().getOrDefault(entry.getKey(), 0L);
            shares.add(new ShareRow(entry.getKey(), entry.getValue(), count, identified));
        }
        result.tally().unexpected().forEach((server, count) -> shares.add(new ShareRow(server, 0, count,
                identified)));
        this.missing = new ArrayList<>(result.missing());
        this.unexpected = new ArrayList<>(result.unexpected());
        result.health().forEach(check -> health.add(new CheckRow(check)));
        result.drift().forEach(check -> drift.add(new CheckRow(check)));
        this.reasons = new ArrayList<>(result.reasons());
        this.holds = new ArrayList<>(HoldView.of(holdsInForce));
    }

    public static VerificationView of(VerificationResult result) {
        return of(result, List.of());
    }

    /** The view of {@code result} with the holds in force it judged by; null when it did not run. */
    public static VerificationView of(VerificationResult result, List<HoldInForce> holdsInForce) {
        return result == null ? null : new VerificationView(result, holdsInForce);
    }

    private static String test(GofResult gof) {
        if (!gof.ran()) {
            return "no distribution test (" + gof.name() + ")";
        }
        return gof.name() + ": statistic " + Human.statistic(gof.statistic()) + ", p-value "
                + Human.probability(gof.pValue()) + " at significance level " + Human.probability(gof.alpha());
    }

    @Exported
    public String getPool() {
        return pool;
    }

    @Exported
    public String getTarget() {
        return target;
    }

    @Exported
    public String getVerdict() {
        return verdict;
    }

    public String getVerdictBadge() {
        return Badge.status(verdict);
    }

    /** {@code 12 requests, 0 errors, 1.1 s}. */
    public String getVolume() {
        return Human.count(requests) + (requests == 1 ? " request, " : " requests, ") + Human.count(errors)
                + (errors == 1 ? " error, " : " errors, ") + Human.duration(durationMs);
    }

    /** {@code chi-square goodness of fit: statistic 12.0, p-value 0.00053 at significance level 0.000083}. */
    @Exported
    public String getTest() {
        return test;
    }

    public List<ShareRow> getShares() {
        return List.copyOf(shares);
    }

    /** {@code web-02}; {@code none}. */
    @Exported
    public String getMissing() {
        return Human.list(missing);
    }

    public boolean isHasMissing() {
        return !missing.isEmpty();
    }

    @Exported
    public String getUnexpected() {
        return Human.list(unexpected);
    }

    public boolean isHasUnexpected() {
        return !unexpected.isEmpty();
    }

    public List<CheckRow> getHealth() {
        return List.copyOf(health);
    }

    public List<CheckRow> getDrift() {
        return List.copyOf(drift);
    }

    /** Each reason on its own (the page lists them). */
    @Exported
    public List<String> getReasons() {
        return List.copyOf(reasons);
    }

    /** The holds in force the verification judged the pool by: held, overdue or not known to be back. */
    @Exported
    public List<HoldView> getHolds() {
        return holds == null ? List.of() : List.copyOf(holds);
    }

    public boolean isHasHolds() {
        return holds != null && !holds.isEmpty();
    }

    /** Height in pixels of the share chart. */
    public int getChartHeight() {
        return shares.size() * 44 + 30;
    }

    /**
     * The declared backend that got the least of its declared share (relative to that share: the one that lost
     * the most of its traffic), or null when none is declared.
     */
    public ShareRow getWorst() {
        ShareRow worst = null;
        for (ShareRow row : shares) {
            if (row.isDeclared() && (worst == null || row.getShortfall() > worst.getShortfall())) {
                worst = row;
            }
        }
        return worst;
    }

    /** One backend: its declared and observed share. */
    public static final class ShareRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String server;
        private final double declared;
        private final long count;
        private final double observed;

        ShareRow(String server, double declared, long count, long identified) {
            this.server = server;
            this.declared = declared;
            this.count = count;
            this.observed = identified == 0 ? 0 : (double) count / identified;
        }

        public String getServer() {
            return server;
        }

        /** Declared in the pool (an undeclared backend that answered has a declared share of 0). */
        public boolean isDeclared() {
            return declared > 0;
        }

        public double getDeclaredShare() {
            return declared;
        }

        public double getObservedShare() {
            return observed;
        }

        public String getDeclaredLabel() {
            return Human.percent(declared);
        }

        /** {@code 0.0 % (0 of 12)}. */
        public String getObservedLabel() {
            return Human.percent(observed) + " (" + Human.count(count) + ")";
        }

        /** How much of its declared share it did not get, relative to that share: 1 for none, 0 for all. */
        public double getShortfall() {
            return declared <= 0 ? 0 : (declared - observed) / declared;
        }

        /** A declared backend that got nothing, or a backend that was never declared. */
        public boolean isAlarming() {
            return declared > 0 && count == 0 || declared == 0 && count > 0;
        }

        public int getDeclaredWidth() {
            return (int) Math.round(declared * CHART_WIDTH);
        }

        public int getObservedWidth() {
            return (int) Math.round(observed * CHART_WIDTH);
        }
    }

    /** One health or drift check. */
    public static final class CheckRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String subject;
        private final String status;
        private final String reason;

        CheckRow(CheckResult check) {
            this.subject = check.subject();
            this.status = check.status().name();
            this.reason = check.reason();
        }

        public String getSubject() {
            return subject;
        }

        public String getStatus() {
            return status;
        }

        public String getStatusBadge() {
            return Badge.status(status);
        }

        public String getReason() {
            return reason;
        }
    }
}
