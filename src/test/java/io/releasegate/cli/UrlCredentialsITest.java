package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.drill.EmbeddedBalancer;
import io.releasegate.paging.LoopbackEndpoint;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import io.releasegate.testing.CliProcess;
import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.ScenarioRepo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password in the user information of any URL the command line accepts ({@code --lb}, {@code --stats},
 * {@code --health}, {@code --link}, the policy's {@code verify.lb}/{@code verify.stats} and a contact's
 * {@code baseUrl}) appears in no output: stdout, stderr, the JSON, HTML and JUnit reports, the outbox; neither as
 * written, nor percent-encoded, nor decoded, nor in the base64 of a Basic authorization.
 */
class UrlCredentialsITest {
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);

    /** One password per URL option; each has characters that must be percent-encoded in a URL. */
    private record Credential(String user, String password) {
        String userInfo() {
            return user + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        }

        /** Every form the password could leak in. */
        List<String> forms() {
            String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
            return List.of(password, encoded, encoded.replace("%40", "@"), encoded.toLowerCase(),
                    Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                    Base64.getEncoder().encodeToString((user + ":" + encoded).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static final Credential LB = new Credential("lb-user", "pw@lb:Q7x/1");
    private static final Credential STATS = new Credential("stats-user", "pw@stats:R8y/2");
    private static final Credential HEALTH = new Credential("health-user", "pw@health:S9z/3");
    private static final Credential DOWN = new Credential("down-user", "pw@down:T0a/4");
    private static final Credential LINK = new Credential("link-user", "pw@link:U1b/5");
    private static final Credential CONTACT = new Credential("pd-user", "pw@pd:V2c/6");
    private static final List<Credential> ALL = List.of(LB, STATS, HEALTH, DOWN, LINK, CONTACT);

    @TempDir
    Path dir;
    private HttpBackend web1;
    private HttpBackend web2;
    private EmbeddedBalancer lb;
    private LoopbackEndpoint stats;
    private LoopbackEndpoint pagerDuty;
    private int closedPort;

    @BeforeEach
    void start() throws Exception {
        web1 = HttpBackend.start("web-01");
        web2 = HttpBackend.start("web-02");
        lb = EmbeddedBalancer.start(0, "web");
        lb.apply("haproxy.cfg", config());
        stats = LoopbackEndpoint.start(Reply.status(401, "who are you?"));
        pagerDuty = LoopbackEndpoint.start(Reply.status(500, "try again"));
        closedPort = FreePorts.next();
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
        stats.close();
        lb.close();
        web1.close();
        web2.close();
    }

    private String config() {
        return "backend web\n    balance roundrobin\n    server web-01 " + web1.address() + "\n    server web-02 "
                + web2.address() + "\n";
    }

    private String withUser(String url, Credential credential) {
        return url.replaceFirst("://", "://" + credential.userInfo() + "@");
    }

    @Test
    void shouldPrintNoPasswordOfAnyUrlInAnyOutputOfVerify() throws Exception {
        // act
        CliRun json = CliRun.of("verify", "--lb", withUser(lb.url().toString(), LB), "--expect", "web-01,web-02",
                "--health", "web-01=" + withUser("http://" + web1.address() + "/health", HEALTH),
                "--health", "web-02=" + withUser("http://127.0.0.1:" + closedPort + "/health", DOWN),
                "--stats", withUser(stats.uri("/stats").toString(), STATS), "--rate", "0", "--deadline", "20s",
                "--format", "json", "--junit", dir.resolve("verify.xml").toString(), "--html",
                dir.resolve("verify.html").toString());
        CliRun text = CliRun.of("verify", "--lb", withUser(lb.url().toString(), LB), "--expect", "web-01,web-02",
                "--health", "web-02=" + withUser("http://127.0.0.1:" + closedPort + "/health", DOWN), "--rate", "0");
        CliRun badHealth = CliRun.of("verify", "--lb", withUser(lb.url().toString(), LB), "--expect", "web-01",
                "--health", "web-01=" + withUser("ftp://127.0.0.1/health", HEALTH));
        CliRun badLb = CliRun.of("verify", "--lb", withUser("ftp://127.0.0.1/", LB), "--expect", "web-01");

        // assert: the run took place (the health target that is down fails it) and said where it probed
        assertThat(json.exitCode()).as(json.out() + json.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(json.out()).contains("127.0.0.1:" + closedPort + "/health").contains("stats page");
        assertThat(stats.requests()).isNotEmpty().allSatisfy(request -> assertThat(request.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((STATS.user() + ":" + STATS.password())
                        .getBytes(StandardCharsets.UTF_8))));
        assertThat(badHealth.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badLb.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertNoPassword(List.of(json.out(), json.err(), text.out(), text.err(), badHealth.err(), badLb.err(),
                read("verify.xml"), read("verify.html")));
        assertThat(read("verify.html") + json.out() + json.err()).contains("***@");
    }

    @Test
    void shouldPrintNoPasswordOfAnyUrlInAnyOutputOfRunOrPage() throws Exception {
        // arrange: the reviewed policy verifies through URLs with credentials and pages a contact whose URL has
        // them; the contact fails, so the page waits in the outbox
        Path repo = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            base = scenario.write("haproxy.cfg", config()).write(".releasegate.yml", """
                    review:
                      threshold: NONE
                    verify:
                      lb: "%s"
                      pool: web
                      expect: web-01,web-02,web-03
                      stats: "%s"
                      healthPath: /health
                      deadline: 5s
                      rate: 0
                    escalation:
                      retry: {maxAttempts: 1, attemptTimeoutMs: 2000, deadlineMs: 3000}
                      contacts:
                        oncall-pd: {type: pagerduty, routingKey: env:RELEASE_GATE_PD_KEY, baseUrl: "%s"}
                    """.formatted(withUser(lb.url().toString(), LB), withUser(stats.uri("/stats").toString(), STATS),
                    withUser(pagerDuty.uri("").toString(), CONTACT))).commit("pool and policy");
            head = scenario.write("haproxy.cfg", config().replace("roundrobin", "roundrobin\n    timeout server 9s"))
                    .commit("timeout");
        }
        Path outbox = dir.resolve("outbox.jsonl");
        Path pageConfig = Files.writeString(dir.resolve("page.yml"), """
                escalation:
                  retry: {maxAttempts: 1, attemptTimeoutMs: 2000, deadlineMs: 3000}
                  contacts:
                    oncall-pd: {type: pagerduty, routingKey: env:RELEASE_GATE_PD_KEY, baseUrl: "%s"}
                """.formatted(withUser(pagerDuty.uri("").toString(), CONTACT)));
        Map<String, String> environment = Map.of("RELEASE_GATE_PD_KEY", "routing-key-0042");

        // act
        CliProcess run = CliProcess.run(dir, environment, CLI_TIMEOUT, "run", "--repo", repo.toString(), "--base",
                base, "--head", head, "--deploy", "true", "--format", "json", "--junit",
                dir.resolve("run.xml").toString(), "--html", dir.resolve("run.html").toString(), "--outbox",
                outbox.toString(), "--verbose");
        CliRun diff = CliRun.of("diff", "--repo", repo.toString(), "--base", base, "--head", head, "--format",
                "json", "--patch");
        CliProcess page = CliProcess.run(dir, environment, CLI_TIMEOUT, "page", "--summary", "web-03 missing",
                "--link", withUser("https://ci.example.org/job/gate/42/", LINK), "--config", pageConfig.toString(),
                "--outbox", outbox.toString());
        CliProcess flush = CliProcess.run(dir, environment, CLI_TIMEOUT, "page", "--flush", outbox.toString(),
                "--config", pageConfig.toString());

        // assert: the run verified (and failed: web-03 is missing), paged and kept the pages in the outbox
        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero().isNotEqualTo(ExitCodes.BAD_INPUT);
        assertThat(page.exitCode()).as(page.out() + page.err()).isEqualTo(ExitCodes.UNRECOVERED);
        assertThat(pagerDuty.requests()).isNotEmpty();
        assertThat(Files.readString(outbox)).contains("web-03 missing").contains("ci.example.org");
        assertNoPassword(List.of(run.out(), run.err(), diff.out(), diff.err(), page.out(), page.err(), flush.out(),
                flush.err(), read("run.xml"), read("run.html"), Files.readString(outbox)));
        pagerDuty.requests().forEach(request -> assertThat(request.text()).doesNotContain("link-user"));
    }

    private String read(String file) throws Exception {
        return Files.readString(dir.resolve(file));
    }

    private static void assertNoPassword(List<String> outputs) {
        String all = String.join("\n----\n", outputs);
        assertThat(all).isNotBlank();
        for (Credential credential : ALL) {
            for (String form : credential.forms()) {
                assertThat(all).as("a form of %s's password", credential.user()).doesNotContain(form);
            }
        }
    }
}
