package io.jenkins.plugins.releasegate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import io.releasegate.signoff.SignOffPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → System → Release Gate: the escalation contacts and chain, the default reviewers, who is notified
 * of a pending sign-off and how often they are reminded, and the default policy path. {@code @Symbol("releaseGate")}
 * names it for Configuration as Code ({@code unclassified: releaseGate:}).
 */
@Extension
@Symbol("releaseGate")
public class ReleaseGateGlobalConfiguration extends GlobalConfiguration {
    private List<EscalationContact> contacts = new ArrayList<>();
    private String chain;
    private String defaultReviewers;
    private String notificationContact;
    private int reminderMinutes;
    private String defaultPolicyPath = ".releasegate.yml";
    private transient JenkinsFacade jenkins = new JenkinsFacade();

    public ReleaseGateGlobalConfiguration() {
        load();
    }

    /** For tests: the facade the form checks ask about permissions. */
    void setJenkins(JenkinsFacade facade) {
        this.jenkins = facade;
    }

    private JenkinsFacade jenkins() {
        if (jenkins == null) {
            jenkins = new JenkinsFacade();
        }
        return jenkins;
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        contacts = new ArrayList<>(); // a form without contacts removes them all
        req.bindJSON(this, json);
        save();
        return true;
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Release Gate";
    }

    public List<EscalationContact> getContacts() {
        return contacts == null ? List.of() : List.copyOf(contacts);
    }

    @DataBoundSetter
    public void setContacts(List<EscalationContact> contacts) {
        this.contacts = contacts == null ? new ArrayList<>() : new ArrayList<>(contacts);
        save();
    }

    /** Contact names in paging order, comma separated; blank: every contact in the order listed. */
    public String getChain() {
        return chain;
    }

    @DataBoundSetter
    public void setChain(String chain) {
        this.chain = Util.fixEmptyAndTrim(chain);
        save();
    }

    /** The chain as contact names: the configured order, or all contacts in the order listed. */
    public List<String> chainNames() {
        if (chain == null) {
            return getContacts().stream().map(EscalationContact::getName).toList();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : chain.split("[,\\s]+")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return List.copyOf(names);
    }

    public EscalationContact contact(String name) {
        return getContacts().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    public String getDefaultReviewers() {
        return defaultReviewers;
    }

    @DataBoundSetter
    public void setDefaultReviewers(String defaultReviewers) {
        this.defaultReviewers = Util.fixEmptyAndTrim(defaultReviewers);
        save();
    }

    /** The contact told about pending sign-offs (usually Slack or email), or null for none. */
    public String getNotificationContact() {
        return notificationContact;
    }

    @DataBoundSetter
    public void setNotificationContact(String notificationContact) {
        this.notificationContact = Util.fixEmptyAndTrim(notificationContact);
        save();
    }

    /** Minutes between reminders of a pending sign-off; 0: no reminders. */
    public int getReminderMinutes() {
        return reminderMinutes;
    }

    @DataBoundSetter
    public void setReminderMinutes(int reminderMinutes) {
        this.reminderMinutes = Math.max(0, reminderMinutes);
        save();
    }

    public String getDefaultPolicyPath() {
        return defaultPolicyPath == null ? ".releasegate.yml" : defaultPolicyPath;
    }

    @DataBoundSetter
    public void setDefaultPolicyPath(String defaultPolicyPath) {
        this.defaultPolicyPath = Util.fixEmptyAndTrim(defaultPolicyPath);
        save();
    }

    @POST
    public FormValidation doCheckDefaultReviewers(@QueryParameter String value) {
        jenkins().checkAdminister();
        try {
            SignOffPolicy policy = SignOffPolicy.of(value, 1, null);
            return policy.users().isEmpty() && policy.groups().isEmpty()
                    ? FormValidation.warning("Without default reviewers, every releaseGateApproval must name them")
                    : FormValidation.ok("Reviewers: " + policy.describeReviewers());
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckChain(@QueryParameter String value) {
        jenkins().checkAdminister();
        for (String name : Util.fixNull(value).split("[,\\s]+")) {
            if (!name.isBlank() && contact(name.trim()) == null) {
                return FormValidation.warning("No saved contact is named '" + name.trim()
                        + "' (save the contacts first, or check the spelling)");
            }
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckNotificationContact(@QueryParameter String value) {
        jenkins().checkAdminister();
        String name = Util.fixEmptyAndTrim(value);
        return name == null || contact(name) != null ? FormValidation.ok()
                : FormValidation.warning("No saved contact is named '" + name + "'");
    }

    @POST
    public FormValidation doCheckReminderMinutes(@QueryParameter String value) {
        jenkins().checkAdminister();
        try {
            int minutes = Integer.parseInt(Util.fixNull(value).trim());
            return minutes < 0 ? FormValidation.error("Use 0 (no reminders) or a positive number of minutes")
                    : minutes > 0 && minutes < 5 ? FormValidation.warning("Reminders more often than every 5 minutes"
                            + " become noise") : FormValidation.ok();
        } catch (NumberFormatException e) {
            return FormValidation.error("'" + value + "' is not a number of minutes");
        }
    }

    @POST
    public FormValidation doCheckDefaultPolicyPath(@QueryParameter String value) {
        jenkins().checkAdminister();
        String path = Util.fixEmptyAndTrim(value);
        return path != null && (path.startsWith("/") || path.contains(".."))
                ? FormValidation.error("Give a path relative to the workspace, without '..'") : FormValidation.ok();
    }
}
