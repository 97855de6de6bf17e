package io.jenkins.plugins.releasegate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One contact of the escalation chain: a name, a channel, and the id of the Secret Text credential that holds its
 * routing key or webhook URL (never the secret itself), or email recipients.
 */
public class EscalationContact extends AbstractDescribableImpl<EscalationContact> {
    private final String name;
    private final ContactType type;
    private String credentialsId;
    private String hmacCredentialsId;
    private String recipients;
    private String baseUrl;

    @DataBoundConstructor
    public EscalationContact(String name, ContactType type) {
        this.name = Util.fixNull(name).trim();
        this.type = type == null ? ContactType.PAGERDUTY : type;
    }

    public String getName() {
        return name;
    }

    public ContactType getType() {
        return type;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getHmacCredentialsId() {
        return hmacCredentialsId;
    }

    @DataBoundSetter
    public void setHmacCredentialsId(String hmacCredentialsId) {
        this.hmacCredentialsId = Util.fixEmptyAndTrim(hmacCredentialsId);
    }

    /** Comma-separated email addresses (EMAIL only). */
    public String getRecipients() {
        return recipients;
    }

    @DataBoundSetter
    public void setRecipients(String recipients) {
        this.recipients = Util.fixEmptyAndTrim(recipients);
    }

    /** PagerDuty only: the Events API's base URL, e.g. {@code https://events.eu.pagerduty.com}; null: the default. */
    public String getBaseUrl() {
        return baseUrl;
    }

    @DataBoundSetter
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = Util.fixEmptyAndTrim(baseUrl);
    }

    List<String> recipientList() {
        return recipients == null ? List.of()
                : List.of(recipients.split("[,\\s]+")).stream().filter(s -> !s.isBlank()).toList();
    }

    /** Snippet and form support. */
    @Extension
    @Symbol("contact")
    public static final class DescriptorImpl extends Descriptor<EscalationContact> {
        private final JenkinsFacade jenkins;

        public DescriptorImpl() {
            this(new JenkinsFacade());
        }

        DescriptorImpl(JenkinsFacade jenkins) {
            this.jenkins = jenkins;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Escalation contact";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return jenkins.secretTextItems(credentialsId);
        }

        @POST
        public ListBoxModel doFillHmacCredentialsIdItems(@QueryParameter String hmacCredentialsId) {
            return jenkins.secretTextItems(hmacCredentialsId);
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            jenkins.checkAdminister();
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("A contact needs a name; the chain refers to it");
            }
            return value.trim().matches("[A-Za-z0-9_.-]+") ? FormValidation.ok()
                    : FormValidation.error("Use letters, digits, '.', '_' and '-' only");
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String type) {
            jenkins.checkAdminister();
            if (!ContactType.EMAIL.name().equals(type) && Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("Choose the Secret Text credential with the routing key or webhook URL");
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRecipients(@QueryParameter String value, @QueryParameter String type) {
            jenkins.checkAdminister();
            if (ContactType.EMAIL.name().equals(type)) {
                if (Util.fixEmptyAndTrim(value) == null) {
                    return FormValidation.error("An email contact needs at least one address");
                }
                for (String address : value.split("[,\\s]+")) {
                    if (!address.isBlank() && !address.matches("[^@\\s]+@[^@\\s]+")) {
                        return FormValidation.error("'" + address + "' is not an email address");
                    }
                }
            }
            return FormValidation.ok();
        }
    }
}
