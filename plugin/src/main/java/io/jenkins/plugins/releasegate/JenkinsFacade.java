package io.jenkins.plugins.releasegate;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.ExtensionList;
import hudson.model.Run;
import hudson.model.User;
import hudson.security.SecurityRealm;
import hudson.tasks.Mailer;
import io.releasegate.signoff.Identity;
import java.util.LinkedHashSet;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Everything the plugin asks of the running Jenkins, in one place, so that the rest of the code does not call
 * {@code Jenkins.get()} and can be read (and tested) without a running controller.
 */
public class JenkinsFacade {
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
}
