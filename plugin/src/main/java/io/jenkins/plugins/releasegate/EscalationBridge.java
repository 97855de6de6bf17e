package io.jenkins.plugins.releasegate;

import hudson.model.Run;
import io.releasegate.log.LogSink;
import io.releasegate.paging.Contact;
import io.releasegate.paging.ContactConfig;
import io.releasegate.paging.Escalation;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.Paging;
import io.releasegate.paging.RetryPolicy;
import io.releasegate.paging.Secret;
import io.releasegate.paging.Secrets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages the global configuration's escalation chain (or one contact) with the engine's {@link Paging} and
 * {@link Escalation}, on the controller where the credentials are. Each contact is an engine {@link ContactConfig}
 * whose secrets are references {@code credentials:ID}; they resolve, in memory only, to the Secret Text credential
 * with that id that the build may use ({@link Secret#of}). Nothing secret is written to disk or logged: the pagers
 * redact secrets from what they report. Every page goes through the build's outbox
 * ({@code release-gate/outbox.jsonl}), where undelivered pages stay for {@code release-gate page --flush}.
 */
final class EscalationBridge {
    static final String OUTBOX = "outbox.jsonl";
    private static final String CREDENTIALS = "credentials:";
    private static final String MAILER_PASSWORD = "mailer:smtp-password";

    private final JenkinsFacade jenkins;

    EscalationBridge(JenkinsFacade jenkins) {
        this.jenkins = jenkins;
    }

    /** The build's outbox file. */
    static Path outbox(Run<?, ?> run) {
        return new File(new File(run.getRootDir(), ReleaseGateAction.DIRECTORY), OUTBOX).toPath();
    }

    /**
     * Pages {@code names} in order (the next contact when one fails definitively). Never throws for a contact that
     * cannot be reached or built: that is in the result's reason. A page no contact can take is kept in the outbox.
     */
    PageResult page(Run<?, ?> run, List<String> names, Page page, LogSink log) {
        List<String> problems = new ArrayList<>();
        List<Contact> chain = contacts(run, names, problems);
        problems.forEach(problem -> log.error("%s", problem));
        Outbox outbox = new Outbox(outbox(run));
        if (chain.isEmpty()) {
            String reason = names.isEmpty()
                    ? "no escalation contact is configured (Manage Jenkins > System > Release Gate)"
                    : "no contact of the chain can be paged: " + String.join("; ", problems);
            if (!names.isEmpty() && !keep(outbox, page, names, log)) {
                reason += "; NOT kept: the outbox " + outbox.file() + " could not be written";
            }
            return new PageResult(page, false, null, List.of(), reason);
        }
        PageResult result = new Paging(new Escalation(chain, RetryPolicy.DEFAULT, log), outbox, log).send(page);
        return problems.isEmpty() ? result : new PageResult(page, result.delivered(), result.deliveredTo(),
                result.attempts(), result.reason() + " (" + String.join("; ", problems) + ")");
    }

    /** Where an undelivered page is kept, or null when it was delivered or could not be kept. */
    static String keptIn(Run<?, ?> run, PageResult result) {
        return result.delivered() || result.reason().contains("NOT kept") ? null : outbox(run).toString();
    }

    private static boolean keep(Outbox outbox, Page page, List<String> names, LogSink log) {
        try {
            outbox.append(page, names, Instant.now());
            log.error("page %s is undelivered and waits in the outbox %s", page.dedupKey(), outbox.file());
            return true;
        } catch (IOException e) {
            log.error("page %s is undelivered and could not be kept in the outbox %s (%s)", page.dedupKey(),
                    outbox.file(), e.getClass().getSimpleName());
            return false;
        }
    }

    /** The pagers of {@code names}; a contact that cannot be built is skipped and named in {@code problems}. */
    private List<Contact> contacts(Run<?, ?> run, List<String> names, List<String> problems) {
        Secrets secrets = reference -> resolve(reference, run);
        List<Contact> chain = new ArrayList<>();
        for (String name : names) {
            EscalationContact contact = jenkins.configuration().contact(name);
            if (contact == null) {
                problems.add("the escalation chain names '" + name + "', which is not a configured contact");
                continue;
            }
            try {
                chain.add(new Contact(name, config(contact).pager(secrets)));
            } catch (IllegalArgumentException e) {
                problems.add("contact '" + name + "': " + e.getMessage());
            }
        }
        return chain;
    }

    /** The engine's configuration of one contact, with references in place of secrets. */
    ContactConfig config(EscalationContact contact) {
        String name = contact.getName();
        String secret = contact.getCredentialsId() == null ? null : CREDENTIALS + contact.getCredentialsId();
        return switch (contact.getType()) {
            case PAGERDUTY -> new ContactConfig.PagerDuty(name, require(secret, name), contact.getBaseUrl(), null);
            case SLACK -> new ContactConfig.Slack(name, require(secret, name));
            case TEAMS -> new ContactConfig.Teams(name, require(secret, name));
            case WEBHOOK -> new ContactConfig.Webhook(name, require(secret, name),
                    contact.getHmacCredentialsId() == null ? null : CREDENTIALS + contact.getHmacCredentialsId());
            case EMAIL -> email(name, contact.recipientList());
        };
    }

    private static String require(String reference, String name) {
        if (reference == null) {
            throw new IllegalArgumentException("contact '" + name + "' has no Secret Text credential");
        }
        return reference;
    }

    /** Email through the Mailer plugin's SMTP server, user and password (STARTTLS as configured there). */
    private ContactConfig email(String name, List<String> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("contact '" + name + "' has no email recipients");
        }
        JenkinsFacade.MailSettings mail = jenkins.mail();
        if (mail.ssl()) {
            // SMTPS would get a plain-text conversation (and the login) it cannot read: say so instead of timing out
            throw new IllegalArgumentException("contact '" + name + "': the Mailer plugin's SMTP server is set to"
                    + " \"Use SSL\" (SMTPS), which email contacts cannot use; use \"Use TLS\" (STARTTLS) in Manage"
                    + " Jenkins > System > E-mail Notification, or another channel");
        }
        return new ContactConfig.Email(name, mail.host(), mail.port(), mail.from(), recipients, mail.startTls(),
                mail.user(), mail.user() == null ? null : MAILER_PASSWORD);
    }

    /** {@code credentials:ID} (a Secret Text credential the build may use) or the Mailer's SMTP password. */
    private Secret resolve(String reference, Run<?, ?> run) {
        if (MAILER_PASSWORD.equals(reference)) {
            return Secret.of("the Mailer plugin's SMTP password", jenkins.mail().password());
        }
        if (reference == null || !reference.startsWith(CREDENTIALS)) {
            throw new IllegalArgumentException("a secret must be a Jenkins credential");
        }
        String id = reference.substring(CREDENTIALS.length());
        String value = jenkins.secretText(id, run);
        if (value == null) {
            throw new IllegalArgumentException("no Secret Text credential with id '" + id + "' is available to "
                    + run.getFullDisplayName());
        }
        return Secret.of(reference, value);
    }
}
