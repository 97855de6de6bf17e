package io.jenkins.plugins.releasegate;

import hudson.model.Run;
import io.releasegate.log.LogSink;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.recovery.PageSender;
import java.util.List;
import java.util.Optional;

/**
 * The recovery's pager in Jenkins: the escalation chain of Manage Jenkins → System → Release Gate, with its Secret
 * Text credentials, paged from the controller through the build's outbox.
 */
final class JenkinsPager implements PageSender {
    private final Run<?, ?> run;
    private final EscalationBridge bridge;
    private final List<String> chain;
    private final LogSink log;
    private final boolean enabled;

    /** @param enabled the step's {@code page} option */
    JenkinsPager(Run<?, ?> run, JenkinsFacade jenkins, LogSink log, boolean enabled) {
        this.run = run;
        this.bridge = new EscalationBridge(jenkins);
        this.chain = jenkins.configuration().chainNames();
        this.log = log;
        this.enabled = enabled;
    }

    @Override
    public PageResult send(Page page) {
        PageResult result = bridge.page(run, chain, page, log);
        log.info("page %s %s (%s): %s", page.action().wire(), result.delivered() ? "delivered" : "NOT delivered",
                page.severity().wire(), result.reason());
        return result;
    }

    @Override
    public Optional<String> disabledBecause() {
        if (!enabled) {
            return Optional.of("page: false");
        }
        return chain.isEmpty() ? Optional.of("no escalation contact is configured (Manage Jenkins > System > "
                + "Release Gate)") : Optional.empty();
    }
}
