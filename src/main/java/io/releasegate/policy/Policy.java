package io.releasegate.policy;

import io.releasegate.config.FileRule;
import io.releasegate.config.YamlNode;
import io.releasegate.diff.ChangeKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contents of {@code .releasegate.yml}: which files are load-balancer configuration, how risky each kind of
 * change is, what needs review and by whom. The {@code verify} and {@code escalation} sections are kept as read, for
 * the verification and paging code to interpret.
 *
 * @param source               where the policy came from (a path, {@code <rev>:.releasegate.yml}, or {@code defaults})
 * @param files                file rules; empty means detection by content
 * @param kindRisk             risk per change kind
 * @param capacityHighPercent  a capacity reduction of at least this many per cent is HIGH
 * @param reviewThreshold      the lowest risk that needs review; NONE means nothing does
 * @param approvals            required approvals per risk
 * @param reviewers            allowed reviewers: user ids, and groups as {@code group:NAME}
 * @param approvalMaxAge       approvals older than this expire; empty means never
 * @param verify               the {@code verify} section, if any
 * @param escalation           the {@code escalation} section, if any
 * @param holds                the {@code holds} section: cap, reminder, planned risk
 * @param watch                the {@code watch} section (the pools {@code release-gate watch} checks), if any
 */
public record Policy(String source, List<FileRule> files, Map<ChangeKind, Risk> kindRisk, int capacityHighPercent,
        Risk reviewThreshold, Map<Risk, Integer> approvals, List<String> reviewers, Optional<Duration> approvalMaxAge,
        Optional<YamlNode> verify, Optional<YamlNode> escalation, HoldPolicy holds, Optional<YamlNode> watch) {

    public Policy {
        files = List.copyOf(files);
        kindRisk = Map.copyOf(kindRisk);
        approvals = Map.copyOf(approvals);
        reviewers = List.copyOf(reviewers);
        holds = holds == null ? HoldPolicy.DEFAULTS : holds;
        watch = watch == null ? Optional.empty() : watch;
    }

    /** The built-in policy: any semantic pool or LB edit needs review; losing servers is HIGH or CRITICAL. */
    public static Policy defaults() {
        return new Policy("defaults", List.of(), defaultKindRisk(), 50, Risk.LOW, defaultApprovals(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), HoldPolicy.DEFAULTS, Optional.empty());
    }

    static Map<ChangeKind, Risk> defaultKindRisk() {
        Map<ChangeKind, Risk> risk = new EnumMap<>(ChangeKind.class);
        risk.put(ChangeKind.POOL_ADDED, Risk.LOW);
        risk.put(ChangeKind.POOL_REMOVED, Risk.HIGH);
        risk.put(ChangeKind.SERVER_ADDED, Risk.LOW);
        risk.put(ChangeKind.SERVER_REMOVED, Risk.HIGH);
        risk.put(ChangeKind.SERVER_DISABLED, Risk.HIGH);
        risk.put(ChangeKind.SERVER_ENABLED, Risk.LOW);
        risk.put(ChangeKind.SERVER_BACKUP_SET, Risk.HIGH);
        risk.put(ChangeKind.SERVER_BACKUP_CLEARED, Risk.LOW);
        risk.put(ChangeKind.WEIGHT_CHANGED, Risk.MEDIUM);
        risk.put(ChangeKind.ADDRESS_CHANGED, Risk.MEDIUM);
        risk.put(ChangeKind.ALGORITHM_CHANGED, Risk.MEDIUM);
        risk.put(ChangeKind.HEALTH_CHECK_REMOVED, Risk.HIGH);
        risk.put(ChangeKind.HEALTH_CHECK_ADDED, Risk.LOW);
        risk.put(ChangeKind.SINGLE_POINT_OF_FAILURE, Risk.CRITICAL);
        risk.put(ChangeKind.CAPACITY_REDUCED, Risk.MEDIUM);
        risk.put(ChangeKind.CONFIG_UNPARSEABLE, Risk.CRITICAL);
        risk.put(ChangeKind.OTHER_CHANGE, Risk.LOW);
        risk.put(ChangeKind.POLICY_CHANGED, Risk.CRITICAL);
        risk.put(ChangeKind.ROUTE_CHANGED, Risk.HIGH);
        risk.put(ChangeKind.HOLD_ADDED, Risk.MEDIUM);
        risk.put(ChangeKind.HOLD_EXTENDED, Risk.MEDIUM);
        risk.put(ChangeKind.HOLD_REMOVED, Risk.LOW);
        risk.put(ChangeKind.CHECKOUT_CHANGED, Risk.HIGH);
        return risk;
    }

    static Map<Risk, Integer> defaultApprovals() {
        Map<Risk, Integer> approvals = new EnumMap<>(Risk.class);
        approvals.put(Risk.NONE, 0);
        approvals.put(Risk.LOW, 1);
        approvals.put(Risk.MEDIUM, 1);
        approvals.put(Risk.HIGH, 2);
        approvals.put(Risk.CRITICAL, 2);
        return approvals;
    }

    /** The same policy, said to come from {@code source}. */
    public Policy withSource(String source) {
        return new Policy(source, files, kindRisk, capacityHighPercent, reviewThreshold, approvals, reviewers,
                approvalMaxAge, verify, escalation, holds, watch);
    }

    public Risk riskOf(ChangeKind kind) {
        return kindRisk.getOrDefault(kind, Risk.LOW);
    }

    public int approvalsFor(Risk risk) {
        return approvals.getOrDefault(risk, 0);
    }
}
