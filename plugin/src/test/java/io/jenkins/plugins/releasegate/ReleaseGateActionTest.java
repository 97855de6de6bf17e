package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.signoff.AuditEntry;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseGateActionTest {
    @Test
    void shouldLeaveTheListBeingSavedUntouchedWhenADecisionComesIn(JenkinsRule r) throws Exception {
        // arrange: a build with one audit line, and an iterator over the saved list as XStream holds one while it
        // writes build.xml on another thread
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("echo 'no Release Gate step'", true));
        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));
        ReleaseGateAction action = ReleaseGateAction.of(run);
        action.record(new AuditEntry(Instant.now(), AuditEntry.RULES, AuditEntry.Kind.REQUEST, "first", "sha256:ab"));
        Field audit = ReleaseGateAction.class.getDeclaredField("audit");
        audit.setAccessible(true);
        Iterator<?> beingSaved = ((List<?>) audit.get(action)).iterator();

        // act
        action.record(new AuditEntry(Instant.now(), AuditEntry.RULES, AuditEntry.Kind.REQUEST, "second", "sha256:ab"));

        // assert: no ConcurrentModificationException for the writer, both lines kept
        assertThat(beingSaved.next()).isInstanceOf(AuditRecord.class);
        assertThat(action.getAudit()).extracting(AuditRecord::getComment).containsExactly("first", "second");
    }
}
