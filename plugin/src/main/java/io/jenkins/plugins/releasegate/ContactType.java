package io.jenkins.plugins.releasegate;

/** The channels the engine can page ({@code io.releasegate.paging.ContactConfig}), as the global form lists them. */
public enum ContactType {
    PAGERDUTY("PagerDuty Events API v2 (credential: the routing key)"),
    SLACK("Slack incoming webhook (credential: the webhook URL)"),
    TEAMS("Microsoft Teams Workflows webhook (credential: the webhook URL)"),
    WEBHOOK("Generic JSON webhook (credential: the URL; optional HMAC secret)"),
    EMAIL("Email through the Mailer plugin's SMTP settings (recipients below)");

    private final String displayName;

    ContactType(String displayName) {
        this.displayName = displayName;
    }

    public String getDisplayName() {
        return displayName;
    }
}
