package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import hudson.util.FormValidation;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseGateGlobalConfigurationTest {
    @Test
    void shouldKeepEverySettingThroughTheConfigurationForm(JenkinsRule r) throws Exception {
        ReleaseGateGlobalConfiguration config = ExtensionList.lookupSingleton(ReleaseGateGlobalConfiguration.class);
        EscalationContact oncall = new EscalationContact("oncall", ContactType.PAGERDUTY);
        oncall.setCredentialsId("pd-routing-key");
        EscalationContact team = new EscalationContact("lb-team", ContactType.EMAIL);
        team.setRecipients("lb-team@example.com, ops@example.com");
        config.setContacts(List.of(oncall, team));
        config.setChain("oncall, lb-team");
        config.setDefaultReviewers("bob, group:lb-reviewers");
        config.setNotificationContact("lb-team");
        config.setReminderMinutes(30);
        config.setDefaultPolicyPath("lb/.releasegate.yml");

        r.configRoundtrip();
        ReleaseGateGlobalConfiguration reloaded = new ReleaseGateGlobalConfiguration();

        for (ReleaseGateGlobalConfiguration c : List.of(config, reloaded)) {
            assertThat(c.getContacts()).extracting(EscalationContact::getName).containsExactly("oncall", "lb-team");
            assertThat(c.getContacts().get(0).getType()).isEqualTo(ContactType.PAGERDUTY);
            assertThat(c.getContacts().get(0).getCredentialsId()).isEqualTo("pd-routing-key");
            assertThat(c.getContacts().get(1).getRecipients()).isEqualTo("lb-team@example.com, ops@example.com");
            assertThat(c.chainNames()).containsExactly("oncall", "lb-team");
            assertThat(c.getDefaultReviewers()).isEqualTo("bob, group:lb-reviewers");
            assertThat(c.getNotificationContact()).isEqualTo("lb-team");
            assertThat(c.getReminderMinutes()).isEqualTo(30);
            assertThat(c.getDefaultPolicyPath()).isEqualTo("lb/.releasegate.yml");
        }
    }

    @Test
    void shouldValidateTheFormForAdministratorsOnly(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("bob"));
        ReleaseGateGlobalConfiguration config = ExtensionList.lookupSingleton(ReleaseGateGlobalConfiguration.class);

        FormValidation asAdmin;
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            asAdmin = config.doCheckDefaultReviewers("bob, group:");
        }

        assertThat(asAdmin.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(asAdmin.getMessage()).contains("names no group");
        try (ACLContext ignored = ACL.as(User.getById("bob", true))) {
            assertThatThrownBy(() -> config.doCheckDefaultReviewers("bob")).isInstanceOf(AccessDeniedException3.class);
        }
    }
}
