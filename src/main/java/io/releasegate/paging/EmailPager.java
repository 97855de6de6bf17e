package io.releasegate.paging;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Email over SMTP (Jakarta Mail): a plain-text message with the summary, the facts, the custom details and the
 * links. Connection problems and SMTP 4xx replies are retryable; SMTP 5xx replies and failed authentication are
 * final. Each socket operation is bounded by the attempt's timeout.
 */
public final class EmailPager implements Pager {
    /** Header carrying the dedup key, so mail filters can thread a trigger and its resolve. */
    public static final String DEDUP_HEADER = "X-Release-Gate-Dedup-Key";
    private static final int MAX_SUBJECT = 200;
    private final String host;
    private final int port;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final boolean startTls;
    private final String username;
    private final Secret password;

    /** {@code username} and {@code password} may both be null (no authentication). */
    public EmailPager(String host, int port, String from, List<String> to, boolean startTls, String username,
            Secret password) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port " + port + " is not between 1 and 65535");
        }
        this.port = port;
        this.from = address(from, "from");
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("an email contact needs at least one recipient");
        }
        this.to = to.stream().map(address -> address(address, "to")).toArray(InternetAddress[]::new);
        this.startTls = startTls;
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("SMTP username and password go together");
        }
        this.username = username;
        this.password = password;
    }

    @Override
    public Delivery deliver(Page page, Duration timeout) {
        List<Secret> secrets = HttpDelivery.secrets(password);
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(properties(timeout)));
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(subject(page), "UTF-8");
            message.setSentDate(Date.from(page.timestamp()));
            message.setHeader(DEDUP_HEADER, page.dedupKey());
            message.setText(body(page), "UTF-8");
            if (username == null) {
                Transport.send(message);
            } else {
                Transport.send(message, username, password.value());
            }
            return Delivery.delivered(250, "");
        } catch (AuthenticationFailedException e) {
            return Delivery.rejected(0, "SMTP authentication failed for user " + username);
        } catch (MessagingException e) {
            return classify(e, secrets);
        }
    }

    private Delivery classify(MessagingException error, List<Secret> secrets) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            int code = cause instanceof SMTPSendFailedException send ? send.getReturnCode()
                    : cause instanceof SMTPAddressFailedException address ? address.getReturnCode() : 0;
            String words = Secret.redact(describe(cause), secrets);
            if (code >= 500) {
                return Delivery.rejected(code, "SMTP server refused: " + words);
            }
            if (code >= 400) {
                return Delivery.retryable(code, "SMTP server deferred: " + words, null);
            }
            if (cause instanceof MailConnectException || cause instanceof IOException) {
                return Delivery.retryable(0, "cannot reach SMTP server " + host + ":" + port + ": " + words, null);
            }
        }
        return Delivery.retryable(0, "SMTP error: " + Secret.redact(describe(error), secrets), null);
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                && messaging.getNextException() != cause) {
            return messaging.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message.strip().replaceAll("\\s+", " ");
    }

    private Properties properties(Duration timeout) {
        String millis = Long.toString(Math.max(1, timeout.toMillis()));
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.auth", Boolean.toString(username != null));
        if (startTls) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        return properties;
    }

    /** {@code [release-gate] CRITICAL: <summary>} (cut to 200 characters). */
    static String subject(Page page) {
        String level = page.action() == PageAction.RESOLVE ? "RESOLVED" : page.severity().name();
        return Page.truncate("[release-gate] " + level + ": " + page.summary().replaceAll("\\s+", " "),
                MAX_SUBJECT);
    }

    /** The plain-text body. */
    static String body(Page page) {
        StringBuilder text = new StringBuilder();
        text.append(SlackPager.title(page)).append("\n\n").append(page.summary()).append("\n\n");
        line(text, "Severity", page.severity().wire());
        line(text, "Source", page.source());
        line(text, "Component", page.component());
        line(text, "Group", page.group());
        line(text, "Class", page.eventClass());
        line(text, "Dedup key", page.dedupKey());
        line(text, "Time", page.timestamp().toString());
        if (!page.customDetails().isEmpty()) {
            text.append("\nDetails:\n");
            page.customDetails().forEach((key, value) ->
                    text.append("  ").append(key).append(": ").append(PageJson.plain(value)).append('\n'));
        }
        if (!page.links().isEmpty()) {
            text.append("\nLinks:\n");
            page.links().forEach(link -> text.append("  ")
                    .append(link.text().isEmpty() ? "" : link.text() + ": ").append(link.href()).append('\n'));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String name, String value) {
        if (value != null) {
            text.append(name).append(": ").append(value).append('\n');
        }
    }

    private static InternetAddress address(String text, String field) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            address.validate();
            return address;
        } catch (AddressException | NullPointerException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an email address", e);
        }
    }

    @Override
    public String toString() {
        return "EmailPager[" + host + ":" + port + " -> " + List.of(to) + "]";
    }
}
