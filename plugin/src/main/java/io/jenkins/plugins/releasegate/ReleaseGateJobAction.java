package io.jenkins.plugins.releasegate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.releasegate.view.ActiveHolds;
import io.jenkins.plugins.releasegate.view.TrendChart;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The job's "Release Gate" page and panel: the latest verdict, the holds in force by the latest build that verified
 * (a monitor job's "Active holds"), and an SVG trend of the last {@value TrendChart#BUILDS} builds, failed ones
 * included (a build that failed its verification is exactly what the trend must show): the verdict per build, the
 * worst backend's observed share against its declared share, and how long the sign-off took.
 */
public class ReleaseGateJobAction implements Action {
    private final Job<?, ?> job;

    ReleaseGateJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return getLatest() == null ? null : "symbol-lock-closed";
    }

    @Override
    public String getDisplayName() {
        return "Release Gate";
    }

    @Override
    public String getUrlName() {
        return ReleaseGateAction.URL_NAME;
    }

    /** The builds of the trend that have a Release Gate result, newest first. */
    private List<Run<?, ?>> builds() {
        List<Run<?, ?>> runs = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds().limit(TrendChart.BUILDS)) {
            if (run.getAction(ReleaseGateAction.class) != null) {
                runs.add(run);
            }
        }
        return runs;
    }

    /** The trend of the last builds, oldest on the left. */
    public TrendChart getTrend() {
        List<TrendChart.Build> points = new ArrayList<>();
        for (Run<?, ?> run : builds()) {
            ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
            VerificationRecord latest = action.getLatest();
            points.add(new TrendChart.Build(run.getNumber(), run.getUrl(), latest == null ? "NONE"
                    : latest.getOutcome(), action.getRisk(), action.getStatus(), action.getSignOffMinutes(),
                    latest == null ? null : latest.getWorstServer(), latest == null ? 0 : latest.getWorstObserved(),
                    latest == null ? 0 : latest.getWorstDeclared()));
        }
        return new TrendChart(points);
    }

    /** The newest build with a Release Gate result, or null. */
    public Run<?, ?> getLatest() {
        List<Run<?, ?>> runs = builds();
        return runs.isEmpty() ? null : runs.get(0);
    }

    /** The newest build's Release Gate action, or null. */
    public ReleaseGateAction getLatestAction() {
        Run<?, ?> latest = getLatest();
        return latest == null ? null : latest.getAction(ReleaseGateAction.class);
    }

    /**
     * The holds in force by the newest build that recorded a verification (a monitor job's latest check), seen from
     * now; null when that build's verifications judged no hold in force, or none of the last builds verified.
     */
    public ActiveHolds getHolds() {
        for (Run<?, ?> run : builds()) {
            ReleaseGateAction action = run.getAction(ReleaseGateAction.class);
            if (!action.getVerifications().isEmpty()) {
                return ActiveHolds.of(run.getNumber(), run.getUrl(), action.holdsInForce(),
                        System.currentTimeMillis());
            }
        }
        return null;
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
