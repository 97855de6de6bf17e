package io.releasegate.gate;

import io.releasegate.rollback.RollbackAction;
import io.releasegate.paging.Secrets;
import io.releasegate.signoff.Approval;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one gate run needs.
 *
 * @param repository     a directory inside the git repository with the load-balancer configuration
 * @param base           the base revision (what is live now)
 * @param head           the head revision (what is deployed)
 * @param policyFile     the operator's policy file, or empty for {@code .releasegate.yml} at base
 * @param approvals      the approvals given (empty list: none)
 * @param gate           the gate's name, part of the page's dedup key
 * @param deploy         puts head live
 * @param rollback       undoes the deploy; null when {@code restoreSocket} is given or there is no rollback
 * @param restoreSocket  HAProxy runtime API socket: roll back by restoring the pool declared at base; or null
 * @param secrets        resolves the escalation contacts' secret references
 * @param outbox         where undelivered pages are kept, or null
 * @param reportLink     a link for the pages (the report), or null
 * @param allowedSigners the operator's allowed_signers file, or null for {@code .releasegate/allowed_signers} at base
 * @param allowUnsignedApprovals the operator accepts unsigned decisions (the reports then say they were not verified)
 * @param allowWorkTreeChanges   the operator lets the deploy run from a work tree that is not the reviewed head as
 *                               committed (the gate then warns); by default such a run is blocked before the deploy
 */
public record GateRequest(Path repository, String base, String head, Optional<Path> policyFile,
        List<Approval> approvals, String gate, DeployAction deploy, RollbackAction rollback, Path restoreSocket,
        Secrets secrets, Path outbox, String reportLink, Path allowedSigners, boolean allowUnsignedApprovals,
        boolean allowWorkTreeChanges) {
    public GateRequest {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(deploy, "deploy");
        Objects.requireNonNull(secrets, "secrets");
        policyFile = policyFile == null ? Optional.empty() : policyFile;
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        gate = gate == null || gate.isBlank() ? "release-gate" : gate.strip();
        if (rollback != null && restoreSocket != null) {
            throw new IllegalArgumentException("give one rollback: a command or an HAProxy socket to restore, "
                    + "not both");
        }
    }

    /** A request whose decisions must be signed by keys in {@code .releasegate/allowed_signers} at base. */
    public GateRequest(Path repository, String base, String head, Optional<Path> policyFile, List<Approval> approvals,
            String gate, DeployAction deploy, RollbackAction rollback, Path restoreSocket, Secrets secrets,
            Path outbox, String reportLink) {
        this(repository, base, head, policyFile, approvals, gate, deploy, rollback, restoreSocket, secrets, outbox,
                reportLink, null, false, false);
    }

    /** A request that deploys only from a work tree that is the reviewed head as committed. */
    public GateRequest(Path repository, String base, String head, Optional<Path> policyFile, List<Approval> approvals,
            String gate, DeployAction deploy, RollbackAction rollback, Path restoreSocket, Secrets secrets,
            Path outbox, String reportLink, Path allowedSigners, boolean allowUnsignedApprovals) {
        this(repository, base, head, policyFile, approvals, gate, deploy, rollback, restoreSocket, secrets, outbox,
                reportLink, allowedSigners, allowUnsignedApprovals, false);
    }
}
