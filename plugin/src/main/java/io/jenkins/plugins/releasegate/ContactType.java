package io.jenkins.plugins.releasegate;

/** The channels the engine can page, with the key its escalation configuration uses for the secret. */
public enum ContactType {
    PAGERDUTY("pagerduty", "routingKey", "PagerDuty Events API v2 (credential: the routing key)"),
    SLACK("slack", "url", "Slack incoming webhook (credential: the webhook URL)"),
    TEAMS("teams", "url", "Microsoft Teams Workflows webhook (credential: the webhook URL)"),
    WEBHOOK("webhook", "url", "Generic JSON webhook (credential: the URL; optional HMAC secret)"),
    EMAIL("email", null, "Email through the Mailer plugin's SMTP settings (recipients below)");

    private final String engineType;
    private final String secretKey;
    private final String displayName;

    ContactType(String engineType, String secretKey, String displayName) {
        this.engineType = engineType;
        this.secretKey = secretKey;
        this.displayName = displayName;
    }

    /** {@code type:} in the engine's {@code escalation.contacts}. */
    public String engineType() {
        return engineType;
    }

    /** The key holding the Secret Text credential's value, or null when the channel needs no secret. */
    public String secretKey() {
        return secretKey;
    }

    public String getDisplayName() {
        return displayName;
    }
}
