package io.releasegate.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Email pages through GreenMail, a real SMTP server running in-process on a free loopback port. */
class EmailPagerITest {
    private static final int PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("gate", "smtp-password-31f"));

    @Test
    void shouldSendTheSummaryDetailsAndLinksToEveryRecipient() throws Exception {
        // arrange
        EmailPager pager = new EmailPager("127.0.0.1", PORT, "gate@example.org",
                List.of("lb-team@example.org", "oncall@example.org"), false, null, null);

        // act
        Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(5));

        // assert
        assertThat(delivery.isDelivered()).isTrue();
        assertThat(SMTP.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage message = SMTP.getReceivedMessages()[0];
        assertThat(message.getSubject())
                .isEqualTo("[release-gate] CRITICAL: web-02 received 0% of traffic; rolled back to a1b2c3");
        assertThat(message.getFrom()[0].toString()).isEqualTo("gate@example.org");
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("lb-team@example.org", "oncall@example.org");
        assertThat(message.getHeader(EmailPager.DEDUP_HEADER)).containsExactly(TestPages.KEY);
        assertThat(GreenMailUtil.getBody(message).replace("\r\n", "\n").stripTrailing()).isEqualTo("""
                CRITICAL release gate alert on haproxy

                web-02 received 0% of traffic; rolled back to a1b2c3

                Severity: critical
                Source: lb-01.example.org
                Component: haproxy
                Group: web
                Class: pool distribution
                Dedup key: release-gate/prod/web/0123456789ab
                Time: 2026-11-24T04:35:01.123Z

                Details:
                  verdict: FAIL
                  failingChecks: ["distribution","health"]
                  change: a1b2c3..d4e5f6
                  rollback: succeeded

                Links:
                  Gate report: https://ci.example.org/job/gate/42/
                """.stripTrailing());
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
    }

    @Test
    void shouldAuthenticateWithThePasswordSecret() throws Exception {
        // arrange
        EmailPager pager = new EmailPager("127.0.0.1", PORT, "gate@example.org", List.of("lb-team@example.org"),
                false, "gate", Secret.of("env:SMTP_PASSWORD", "smtp-password-31f"));

        // act
        Delivery delivery = pager.deliver(Page.resolve(TestPages.KEY, "lb-01", Instant.now()),
                Duration.ofSeconds(5));

        // assert
        assertThat(delivery.isDelivered()).isTrue();
        assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(SMTP.getReceivedMessages()[0].getSubject())
                .isEqualTo("[release-gate] RESOLVED: Resolved: " + TestPages.KEY);
    }

    @Test
    void shouldRejectAWrongPasswordWithoutPrintingIt() {
        // arrange
        EmailPager pager = new EmailPager("127.0.0.1", PORT, "gate@example.org", List.of("lb-team@example.org"),
                false, "gate", Secret.of("env:SMTP_PASSWORD", "wrong-password-9c"));

        // act
        Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(5));

        // assert
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.REJECTED);
        assertThat(delivery.detail()).isEqualTo("SMTP authentication failed for user gate")
                .doesNotContain("wrong-password-9c");
    }

    @Test
    void shouldRetryWhenTheSmtpServerCannotBeReached() throws Exception {
        // arrange
        int closed = freePort();
        EmailPager pager = new EmailPager("127.0.0.1", closed, "gate@example.org", List.of("lb-team@example.org"),
                false, null, null);

        // act
        Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(2));

        // assert
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.RETRYABLE);
        assertThat(delivery.detail()).startsWith("cannot reach SMTP server 127.0.0.1:" + closed);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
