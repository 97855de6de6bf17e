package io.releasegate.verify.drift;

import io.releasegate.live.LiveServer;
import io.releasegate.verify.check.CheckResult;
import java.io.Serializable;
import java.util.List;

/**
 * The drift check of one pool against one live source.
 *
 * @param pool    the declared pool's name
 * @param source  the live source in words
 * @param live    the live servers read (empty when the source could not be read)
 * @param results the classification: check {@code drift}, one result per declared or live server, or one ERROR
 *                (subject the pool) when the source could not be read
 */
public record DriftReport(String pool, String source, List<LiveServer> live, List<CheckResult> results)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The check name used in {@link CheckResult#check()}. */
    public static final String CHECK = "drift";

    public DriftReport {
        live = List.copyOf(live);
        results = List.copyOf(results);
    }
}
