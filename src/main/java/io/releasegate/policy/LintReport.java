package io.releasegate.policy;

import io.releasegate.config.ConfigFile;
import io.releasegate.diff.DiffResult;
import java.io.Serializable;
import java.util.List;

/**
 * The lint of one revision (or of local files).
 *
 * @param revision       full SHA, or {@code files} for local files
 * @param files          the configuration files read
 * @param findings       the problems found
 * @param errors         files that could not be parsed
 * @param risk           the highest finding risk (CRITICAL when a file is unparseable)
 * @param reviewRequired whether the findings reach the policy's review threshold
 * @param pools          how many distinct pools the files define (a pool reached through includes counts once)
 */
public record LintReport(String revision, List<String> files, List<LintFinding> findings,
        List<DiffResult.ParseError> errors, Risk risk, boolean reviewRequired, int pools) implements Serializable {
    private static final long serialVersionUID = 1L;

    public LintReport {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
    }

    public static LintReport of(String revision, List<ConfigFile> files, List<DiffResult.ParseError> errors,
            Policy policy) {
        List<LintFinding> findings = Lint.check(files);
        Risk risk = errors.isEmpty() ? Lint.overall(findings) : Risk.CRITICAL;
        boolean review = risk != Risk.NONE && policy.reviewThreshold() != Risk.NONE
                && risk.atLeast(policy.reviewThreshold());
        return new LintReport(revision, files.stream().map(ConfigFile::path).toList(), findings, errors, risk,
                review, Lint.distinctPools(files).size());
    }
}
