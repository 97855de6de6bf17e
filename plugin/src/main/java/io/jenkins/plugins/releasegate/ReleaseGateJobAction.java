package io.jenkins.plugins.releasegate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The job's "Release Gate" page and panel: the latest verdict and the trend of recent builds, failed ones included
 * (a build that failed its verification is exactly what the trend must show).
 */
public class ReleaseGateJobAction implements Action {
    static final int TREND_LENGTH = 30;

    private final Job<?, ?> job;

    ReleaseGateJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return getTrend().isEmpty() ? null : "symbol-lock-closed";
    }

    @Override
    public String getDisplayName() {
        return "Release Gate";
    }

    @Override
    public String getUrlName() {
        return ReleaseGateAction.URL_NAME;
    }

    /** Recent builds with a Release Gate result, newest first. */
    public List<TrendPoint> getTrend() {
        List<TrendPoint> points = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds().limit(TREND_LENGTH)) {
            ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
            if (action != null) {
                points.add(new TrendPoint(run, action));
            }
        }
        return points;
    }

    /** The newest build's point, or null when no build has a Release Gate result. */
    public TrendPoint getLatest() {
        List<TrendPoint> trend = getTrend();
        return trend.isEmpty() ? null : trend.get(0);
    }

    /** One build in the trend. */
    public static final class TrendPoint {
        private final Run<?, ?> run;
        private final ReleaseGateAction action;

        TrendPoint(Run<?, ?> run, ReleaseGateAction action) {
            this.run = run;
            this.action = action;
        }

        public Run<?, ?> getRun() {
            return run;
        }

        public String getSignOff() {
            return action.getStatus();
        }

        public String getRisk() {
            return action.getRisk();
        }

        /** PASS, ROLLED_BACK, FAIL, ERROR, or NONE when the build verified nothing. */
        public String getVerdict() {
            List<VerificationRecord> all = action.getVerifications();
            return all.isEmpty() ? "NONE" : all.get(all.size() - 1).getOutcome();
        }
    }

    /** Adds the action to every job. */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            return List.of(new ReleaseGateJobAction(target));
        }
    }
}
