package io.jenkins.plugins.releasegate;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.ExtensionList;
import hudson.Util;
import hudson.model.Run;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.SecurityRealm;
import hudson.tasks.Mailer;
import hudson.tasks.SMTPAuthentication;
import hudson.util.ListBoxModel;
import io.releasegate.signoff.Identity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Everything the plugin asks of the running Jenkins, in one place: the only class that calls {@code Jenkins.get()}
 * (a plugin ArchUnit test holds the rest of the code to that). The classes that need it take it in their
 * constructor, so the rest of the code can be read, and tested, without a running controller.
 */
public class JenkinsFacade {
    /**
     * The Mailer plugin's SMTP settings, for email contacts.
     *
     * @param ssl the Mailer's "Use SSL" (SMTPS, TLS from the first byte), which email contacts cannot speak
     */
    public record MailSettings(String host, int port, String from, boolean startTls, boolean ssl, String user,
            String password) {
    }

    /** The user of the current request or thread, as the sign-off rules see them; null when anonymous. */
    public Identity currentIdentity() {
        User user = User.current();
        if (user == null) {
            return null;
        }
        Mailer.UserProperty mail = user.getProperty(Mailer.UserProperty.class);
        Set<String> groups = new LinkedHashSet<>();
        Authentication authentication = Jenkins.getAuthentication2();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && !SecurityRealm.AUTHENTICATED_AUTHORITY2.equals(authority)) {
                groups.add(name);
            }
        }
        return new Identity(user.getId(), user.getFullName(), mail == null ? null : mail.getAddress(), groups);
    }

    /** Throws {@code AccessDeniedException} unless the current user may administer Jenkins. */
    public void checkAdminister() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    }

    /** Throws {@code AccessDeniedException} unless the current user may see Jenkins at all (form checks). */
    public void checkRead() {
        Jenkins.get().checkPermission(Jenkins.READ);
    }

    public boolean canAdminister() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** The Jenkins root URL, or an empty string when it is not configured. */
    public String rootUrl() {
        String url = Jenkins.get().getRootUrl();
        return url == null ? "" : url;
    }

    /** The absolute URL of {@code run}'s Release Gate page, or null without a root URL. */
    public String pageUrl(Run<?, ?> run) {
        return rootUrl().isEmpty() ? null : rootUrl() + run.getUrl() + ReleaseGateAction.URL_NAME + "/";
    }

    public ReleaseGateGlobalConfiguration configuration() {
        return ExtensionList.lookupSingleton(ReleaseGateGlobalConfiguration.class);
    }

    /**
     * The value of a Secret Text credential that {@code run} may use, or null when there is none with that id.
     * The value is never logged.
     */
    public String secretText(String credentialsId, Run<?, ?> run) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        StringCredentials credentials = CredentialsProvider.findCredentialById(credentialsId,
                StringCredentials.class, run);
        return credentials == null ? null : credentials.getSecret().getPlainText();
    }

    /** The Secret Text credentials an administrator may choose from (the current value only for anyone else). */
    public ListBoxModel secretTextItems(String current) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!canAdminister()) {
            return model.includeCurrentValue(Util.fixNull(current));
        }
        model.includeEmptyValue();
        model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(),
                CredentialsMatchers.always());
        return model.includeCurrentValue(Util.fixNull(current));
    }

    /** The Mailer plugin's SMTP server, sender, STARTTLS and login (the password in memory only). */
    public MailSettings mail() {
        Mailer.DescriptorImpl mailer = Mailer.descriptor();
        String host = Util.fixEmptyAndTrim(mailer.getSmtpHost());
        String port = Util.fixEmptyAndTrim(mailer.getSmtpPort());
        String from = Util.fixEmptyAndTrim(JenkinsLocationConfiguration.get().getAdminAddress());
        SMTPAuthentication authentication = mailer.getAuthentication();
        return new MailSettings(host == null ? "localhost" : host, port == null ? 25 : Integer.parseInt(port),
                from == null ? "jenkins@localhost" : from, mailer.getUseTls(), mailer.getUseSsl(),
                authentication == null ? null : authentication.getUsername(),
                authentication == null || authentication.getPassword() == null ? null
                        : authentication.getPassword().getPlainText());
    }
}
