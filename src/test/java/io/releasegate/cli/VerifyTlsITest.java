package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HaproxyProcess;
import io.releasegate.testing.HttpBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS through a real HAProxy terminating TLS with a self-signed certificate: verify must not trust it. */
class VerifyTlsITest {
    @Test
    void shouldRefuseAnUntrustedCertificateAsAFailureWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path pem = dir.resolve("haproxy.pem");
        Files.writeString(pem, Files.readString(cert) + Files.readString(key));
        int port = FreePorts.next();
        try (HttpBackend web1 = HttpBackend.start("web-01");
                HaproxyProcess lb = HaproxyProcess.start(dir, String.join("\n", List.of(
                        "defaults", "    mode http", "    timeout connect 2s", "    timeout client 10s",
                        "    timeout server 10s", "frontend fe", "    bind 127.0.0.1:" + port + " ssl crt " + pem,
                        "    default_backend web", "backend web",
                        "    http-response set-header X-Served-By %[srv_name]",
                        "    server web-01 " + web1.address(), "")), port)) {

            CliRun run = CliRun.of("verify", "--lb", "https://127.0.0.1:" + port + "/", "--expect", "web-01");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
            assertThat(run.out()).contains("the service is down: none of").contains("https://127.0.0.1:" + port)
                    .containsIgnoringCase("certification path");
            assertThat(run.out() + run.err()).doesNotContain("\tat ");
            assertThat(web1.requests()).isZero();
        }
    }
}
