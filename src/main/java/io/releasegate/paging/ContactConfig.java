package io.releasegate.paging;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One contact of the {@code escalation:} configuration, as written in {@code .releasegate.yml}. Secret fields hold
 * references ({@code env:NAME} or {@code file:PATH}), never values; {@link #pager(Secrets)} resolves them.
 */
public sealed interface ContactConfig extends Serializable {
    /** The contact's name, the key under {@code escalation.contacts}. */
    String name();

    /** {@code pagerduty}, {@code slack}, {@code teams}, {@code webhook} or {@code email}. */
    String type();

    /** Builds the pager, resolving secrets; throws {@link IllegalArgumentException} naming the reference. */
    Pager pager(Secrets secrets);

    /** PagerDuty Events API v2; {@code baseUrl} defaults to {@code https://events.pagerduty.com}. */
    record PagerDuty(String name, String routingKey, String baseUrl, String clientUrl) implements ContactConfig {
        public PagerDuty {
            Objects.requireNonNull(routingKey, "routingKey");
        }

        @Override
        public String type() {
            return "pagerduty";
        }

        @Override
        public Pager pager(Secrets secrets) {
            return new PagerDutyPager(secrets.resolve(routingKey),
                    baseUrl == null ? PagerDutyPager.DEFAULT_BASE_URL : URI.create(baseUrl), clientUrl);
        }
    }

    /** Slack incoming webhook; {@code url} is a secret reference. */
    record Slack(String name, String url) implements ContactConfig {
        @Override
        public String type() {
            return "slack";
        }

        @Override
        public Pager pager(Secrets secrets) {
            return new SlackPager(secrets.resolve(url));
        }
    }

    /** Microsoft Teams Workflows webhook; {@code url} is a secret reference. */
    record Teams(String name, String url) implements ContactConfig {
        @Override
        public String type() {
            return "teams";
        }

        @Override
        public Pager pager(Secrets secrets) {
            return new TeamsPager(secrets.resolve(url));
        }
    }

    /** Generic JSON webhook; {@code url} and the optional {@code hmacSecret} are secret references. */
    record Webhook(String name, String url, String hmacSecret) implements ContactConfig {
        @Override
        public String type() {
            return "webhook";
        }

        @Override
        public Pager pager(Secrets secrets) {
            return new WebhookPager(secrets.resolve(url), hmacSecret == null ? null : secrets.resolve(hmacSecret));
        }
    }

    /** Email over SMTP; {@code password} is a secret reference, {@code username}/{@code password} optional. */
    record Email(String name, String smtpHost, int smtpPort, String from, List<String> to, boolean startTls,
            String username, String password) implements ContactConfig {
        public Email {
            to = List.copyOf(to);
        }

        @Override
        public String type() {
            return "email";
        }

        @Override
        public Pager pager(Secrets secrets) {
            return new EmailPager(smtpHost, smtpPort, from, to, startTls, username,
                    password == null ? null : secrets.resolve(password));
        }
    }
}
