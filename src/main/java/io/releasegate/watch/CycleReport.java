package io.releasegate.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cycle of the watch.
 *
 * @param number     its number, from 1
 * @param startedAt  when it started
 * @param took       its wall time
 * @param revision   the revision checked against (short SHA), or empty when none could ever be read
 * @param verdicts   each pool's verdict ({@code PASS}, {@code FAIL}, ...; {@code ERROR} when it could not be checked)
 * @param findings   the causes failing this cycle
 * @param pages      the pages decided this cycle
 * @param repository why the repository could not be read this cycle, if it could not
 * @param requests   requests sent through the load balancers
 */
public record CycleReport(long number, Instant startedAt, Duration took, Optional<String> revision,
        Map<String, String> verdicts, List<Finding> findings, List<PageOrder> pages, Optional<String> repository,
        long requests) {
    public CycleReport {
        verdicts = Map.copyOf(verdicts);
        findings = List.copyOf(findings);
        pages = List.copyOf(pages);
    }

    /** 0 when every pool passed and nothing fails, 1 when something needs attention. */
    public boolean allWell() {
        return findings.isEmpty() && verdicts.values().stream().allMatch("PASS"::equals);
    }
}
