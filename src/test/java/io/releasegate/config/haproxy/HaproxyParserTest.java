package io.releasegate.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Directive;
import io.releasegate.config.Pool;
import io.releasegate.config.Route;
import io.releasegate.config.Server;
import io.releasegate.config.SourceResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HaproxyParserTest {
    private static final String HEAD = """
            defaults
                timeout connect 5s
                timeout client 5s
                timeout server 5s
            """;

    private final HaproxyParser parser = new HaproxyParser();

    private ConfigFile parse(String content) throws ConfigParseException {
        return parser.parse("h.cfg", content, SourceResolver.NONE);
    }

    private ConfigFile fixture(String name) throws ConfigParseException {
        return parser.parse(name, HaproxyFixtures.read("valid/" + name), SourceResolver.NONE);
    }

    private Pool pool(String content, String name) throws ConfigParseException {
        return parse(content).pool(name).orElseThrow();
    }

    private ConfigParseException failure(String content) {
        return catchThrowableOfType(ConfigParseException.class, () -> parse(content));
    }

    @Test
    void shouldReportTheHaproxyFormat() {
        assertThat(parser.format()).isEqualTo(ConfigFormat.HAPROXY);
    }

    @Test
    void shouldReadTheIncidentPoolBeforeTheChange() throws ConfigParseException {
        // act
        ConfigFile file = fixture("incident-before.cfg");

        // assert
        Pool web = file.pool("web").orElseThrow();
        assertThat(web.algorithm()).isEqualTo("roundrobin");
        assertThat(web.healthCheck()).isEqualTo("tcp");
        assertThat(web.line()).isEqualTo(18);
        assertThat(web.file()).isEqualTo("incident-before.cfg");
        assertThat(web.servers()).containsExactly(
                Server.builder("web-01").address("127.0.0.1", 8081).healthCheck(true).line(20).build(),
                Server.builder("web-02").address("127.0.0.1", 8082).healthCheck(true).line(21).build());
        assertThat(file.pools()).hasSize(1);
        assertThat(file.format()).isEqualTo(ConfigFormat.HAPROXY);
    }

    @Test
    void shouldReadTheIncidentPoolAfterTheChange() throws ConfigParseException {
        Pool web = fixture("incident-after.cfg").pool("web").orElseThrow();

        assertThat(web.servers()).extracting(Server::name).containsExactly("web-01");
        assertThat(web.activeServers()).hasSize(1);
    }

    @Test
    void shouldKeepStatementsOutsidePoolsAsDirectivesAndRoutesAsRoutes() throws ConfigParseException {
        ConfigFile file = fixture("incident-before.cfg");

        assertThat(file.directives()).contains(new Directive("global", "maxconn 2000", 3),
                new Directive("defaults", "timeout server 30s", 12),
                new Directive("frontend www", "bind 127.0.0.1:18080", 15));
        assertThat(file.directives()).noneMatch(d -> d.text().startsWith("server"))
                .noneMatch(d -> d.text().startsWith("default_backend"));
        assertThat(file.routes()).containsExactly(new Route("frontend www", "", "web", true, false,
                "default_backend web", 16, ""));
    }

    @Test
    void shouldInheritFromTheDefaultsSectionInForce() throws ConfigParseException {
        ConfigFile file = fixture("defaults-inheritance.cfg");

        assertThat(file.pool("implicit").orElseThrow().algorithm()).isEqualTo("static-rr");
        assertThat(file.pool("implicit").orElseThrow().healthCheck()).isEqualTo("tcp");
        assertThat(file.pool("explicit").orElseThrow().algorithm()).isEqualTo("leastconn");
        assertThat(file.pool("explicit").orElseThrow().healthCheck()).isEqualTo("http GET /health");
        assertThat(file.pool("layered").orElseThrow().algorithm()).isEqualTo("source");
        assertThat(file.pool("layered").orElseThrow().healthCheck()).isEqualTo("ssl-hello");
        assertThat(file.pool("own").orElseThrow().algorithm()).isEqualTo("uri whole");
        assertThat(file.pool("own").orElseThrow().healthCheck()).isEqualTo("http HEAD /ping");
        assertThat(file.directives()).contains(new Directive("defaults base", "balance leastconn", 9),
                new Directive("defaults tcp-profile", "defaults tcp-profile from base", 12),
                new Directive("backend explicit", "backend explicit from base", 34));
    }

    @Test
    void shouldChangeEveryBackendWhenTheDefaultsBalanceChanges() throws ConfigParseException {
        // arrange
        String body = "backend a\n    server a1 127.0.0.1:1\nbackend b\n    server b1 127.0.0.1:2\n";

        // act
        ConfigFile before = parse(HEAD + "    balance roundrobin\n" + body);
        ConfigFile after = parse(HEAD + "    balance leastconn\n" + body);

        // assert
        assertThat(before.pools()).extracting(Pool::algorithm).containsExactly("roundrobin", "roundrobin");
        assertThat(after.pools()).extracting(Pool::algorithm).containsExactly("leastconn", "leastconn");
    }

    @Test
    void shouldApplyDefaultServerAtThePointEachServerAppears() throws ConfigParseException {
        Pool app = fixture("default-server.cfg").pool("app").orElseThrow();

        assertThat(app.servers()).containsExactly(
                server("app1", 9101, 20, false, false, true, 15, Map.of("inter", "3s", "fall", "3", "maxconn", "100")),
                server("app2", 9102, 0, false, false, true, 16, Map.of("inter", "3s", "fall", "3", "maxconn", "100")),
                server("app3", 9103, 20, true, false, false, 17,
                        Map.of("inter", "3s", "fall", "3", "maxconn", "100")),
                server("app4", 9104, 5, false, false, true, 20,
                        Map.of("inter", "3s", "fall", "3", "maxconn", "100", "send-proxy", "")),
                server("app5", 9105, 5, true, true, true, 21,
                        Map.of("inter", "3s", "fall", "3", "maxconn", "100", "no-send-proxy", "")),
                server("app6", 9106, 256, true, false, true, 22,
                        Map.of("inter", "3s", "fall", "3", "maxconn", "100", "send-proxy", "")));
        assertThat(app.totalWeight()).isEqualTo(20 + 0 + 5 + 0);
    }

    private static Server server(String name, int port, int weight, boolean backup, boolean disabled,
            boolean check, int line, Map<String, String> params) {
        Server.Builder builder = Server.builder(name).address("127.0.0.1", port).weight(weight).backup(backup)
                .disabled(disabled).healthCheck(check).line(line);
        params.forEach(builder::param);
        return builder.build();
    }

    @Test
    void shouldExpandServerTemplates() throws ConfigParseException {
        Pool tpl = fixture("server-template.cfg").pool("tpl").orElseThrow();

        assertThat(tpl.servers()).extracting(Server::name)
                .containsExactly("node1", "node2", "node3", "spare5", "spare6");
        assertThat(tpl.server("node2").orElseThrow().params()).containsEntry("maxconn", "50");
        assertThat(tpl.server("node2").orElseThrow().healthCheck()).isTrue();
        assertThat(tpl.backupServers()).extracting(Server::name).containsExactly("spare5", "spare6");
        assertThat(tpl.algorithm()).isEqualTo("leastconn");
    }

    @Test
    void shouldReadEveryAddressForm() throws ConfigParseException {
        Pool addrs = fixture("addresses.cfg").pool("addrs").orElseThrow();

        assertThat(addrs.servers()).extracting(Server::name, Server::host, Server::port).containsExactly(
                org.assertj.core.groups.Tuple.tuple("v4", "192.0.2.10", 8080),
                org.assertj.core.groups.Tuple.tuple("v4-noport", "192.0.2.11", 0),
                org.assertj.core.groups.Tuple.tuple("v6", "2001:db8::1", 8443),
                org.assertj.core.groups.Tuple.tuple("v6-bare", "2001:db8::2", 8444),
                org.assertj.core.groups.Tuple.tuple("v6-prefixed", "2001:db8::3", 8445),
                org.assertj.core.groups.Tuple.tuple("v4-prefixed", "192.0.2.12", 8446),
                org.assertj.core.groups.Tuple.tuple("sock1", "unix:/run/app.sock", 0),
                org.assertj.core.groups.Tuple.tuple("sock2", "unix:/run/app2.sock", 0),
                org.assertj.core.groups.Tuple.tuple("named", "app.internal", 8080),
                org.assertj.core.groups.Tuple.tuple("env", "${RG_FIXTURE_UNSET_HOST}:8080", 0),
                org.assertj.core.groups.Tuple.tuple("offset", "192.0.2.13", 0));
        assertThat(addrs.server("offset").orElseThrow().params()).containsEntry("port-offset", "+1000");
        assertThat(addrs.server("v6").orElseThrow().address()).isEqualTo("[2001:db8::1]:8443");
        assertThat(addrs.server("named").orElseThrow().params()).containsEntry("init-addr", "none");
    }

    @Test
    void shouldUnquoteAndUnescapeLikeHaproxy() throws ConfigParseException {
        ConfigFile file = fixture("quoting.cfg");

        assertThat(file.directives()).extracting(Directive::text).contains(
                "log stdout format raw local0",
                "setenv GREETING \"hello world\"",
                "presetenv LITERAL \"no ${EXPANSION} here\"",
                "setenv ESCAPED \"hello there#not-a-comment\"",
                "http-response set-header X-Quoted \"a \\\"quoted\\\" value\"",
                "http-response set-header X-Strong \"single \\\\n kept\"",
                "http-response set-header X-Hex ABC",
                "http-response set-header X-Mixed parttwothree");
        assertThat(file.routes()).extracting(Route::target).containsExactly("quoted");
        Pool quoted = file.pool("quoted").orElseThrow();
        assertThat(quoted.servers()).extracting(Server::name, Server::address, Server::healthCheck).containsExactly(
                org.assertj.core.groups.Tuple.tuple("s1", "127.0.0.1:9401", true),
                org.assertj.core.groups.Tuple.tuple("s2", "127.0.0.1:9402", true));
    }

    @Test
    void shouldEvaluateConditionalBlocks() throws ConfigParseException {
        ConfigFile file = fixture("conditionals.cfg");

        Pool cond = file.pool("cond").orElseThrow();
        assertThat(cond.algorithm()).isEqualTo("leastconn");
        // defined() depends on the environment HAProxy will run in: both branches are read, as conditional
        assertThat(cond.servers()).extracting(Server::name, Server::condition).containsExactly(
                org.assertj.core.groups.Tuple.tuple("never", "defined(RG_FIXTURE_UNDEFINED_VAR)"),
                org.assertj.core.groups.Tuple.tuple("tls", "not defined(RG_FIXTURE_UNDEFINED_VAR)"),
                org.assertj.core.groups.Tuple.tuple("nested", "not defined(RG_FIXTURE_UNDEFINED_VAR)"),
                org.assertj.core.groups.Tuple.tuple("parens", ""));
        assertThat(file.directives()).contains(
                new Directive("", ".notice \"conditional blocks are evaluated against HAProxy 2.6\"", 1),
                new Directive("", ".diag \"diagnostic message\"", 2));
        assertThat(file.directives()).noneMatch(d -> d.text().contains("never"));
    }

    @Test
    void shouldDescribeHealthChecks() throws ConfigParseException {
        ConfigFile file = fixture("health-checks.cfg");

        assertThat(file.pools()).extracting(Pool::name, Pool::healthCheck).containsExactly(
                org.assertj.core.groups.Tuple.tuple("http-default", "http OPTIONS /"),
                org.assertj.core.groups.Tuple.tuple("http-uri", "http OPTIONS /status"),
                org.assertj.core.groups.Tuple.tuple("http-full", "http GET /health HTTP/1.1"),
                org.assertj.core.groups.Tuple.tuple("http-send", "http GET /health"),
                org.assertj.core.groups.Tuple.tuple("ssl", "ssl-hello"),
                org.assertj.core.groups.Tuple.tuple("db", "mysql user haproxy"),
                org.assertj.core.groups.Tuple.tuple("plain-tcp", "tcp"),
                org.assertj.core.groups.Tuple.tuple("unchecked", ""));
        assertThat(file.directives()).contains(new Directive("backend http-full", "http-check expect status 200", 21));
        assertThat(file.pool("plain-tcp").orElseThrow().servers().get(0).params()).containsEntry("port", "9700");
    }

    @Test
    void shouldKeepOtherSectionsAsDirectives() throws ConfigParseException {
        ConfigFile file = fixture("sections.cfg");

        assertThat(file.pools()).extracting(Pool::name).containsExactly("web");
        assertThat(file.pool("web").orElseThrow().algorithm()).isEqualTo("random(2)");
        assertThat(file.directives()).contains(new Directive("peers mypeers", "peers mypeers", 5),
                new Directive("peers mypeers", "peer local 127.0.0.1:10001", 6),
                new Directive("resolvers dns", "nameserver ns1 127.0.0.1:53", 9),
                new Directive("userlist admins", "user admin insecure-password secret", 13),
                new Directive("ring logbuf", "size 32764", 23),
                new Directive("cache small", "max-age 60", 27),
                new Directive("frontend web", "frontend web", 39),
                new Directive("backend web", "stick-table type ip size 1k peers mypeers", 46));
    }

    @Test
    void shouldDefaultToRoundRobinWithoutAnyBalance() throws ConfigParseException {
        assertThat(pool(HEAD + "backend b\n    server s 127.0.0.1:80\n", "b").algorithm()).isEqualTo("roundrobin");
    }

    @Test
    void shouldTakeTheLastDefaultsSectionWhetherNamedOrNot() throws ConfigParseException {
        String content = "defaults a\n    balance source\ndefaults named\n    balance first\n"
                + "backend b\n    server s 127.0.0.1:80\n";

        assertThat(pool(content, "b").algorithm()).isEqualTo("first");
    }

    @Test
    void shouldStartAnUnrelatedDefaultsSectionFromScratch() throws ConfigParseException {
        String content = "defaults\n    balance source\n    default-server weight 9\ndefaults\n    mode http\n"
                + "backend b\n    server s 127.0.0.1:80\n";

        Pool b = pool(content, "b");
        assertThat(b.algorithm()).isEqualTo("roundrobin");
        assertThat(b.servers().get(0).weight()).isEqualTo(1);
    }

    @Test
    void shouldInheritDefaultServerFromDefaults() throws ConfigParseException {
        Pool b = pool(HEAD + "    default-server check weight 7\nbackend b\n    server s 127.0.0.1:80\n", "b");

        assertThat(b.servers().get(0).weight()).isEqualTo(7);
        assertThat(b.servers().get(0).healthCheck()).isTrue();
    }

    @Test
    void shouldTreatWeightLikeAtol() throws ConfigParseException {
        assertThat(pool(HEAD + "backend b\n    server s 127.0.0.1:80 weight 12abc\n", "b").servers().get(0)
                .weight()).isEqualTo(12);
    }

    @Test
    void shouldKeepFlagsAndValuesAsParams() throws ConfigParseException {
        Server s = pool(HEAD + "backend b\n    server s 127.0.0.1:80 maxconn 100 ssl verify none source "
                + "10.0.0.1 usesrc clientip cookie c1\n", "b").servers().get(0);

        assertThat(s.params()).containsExactlyInAnyOrderEntriesOf(Map.of("maxconn", "100", "ssl", "",
                "verify", "none", "source", "10.0.0.1 usesrc clientip", "cookie", "c1"));
    }

    @Test
    void shouldKeepAScopeLineAsADirective() throws ConfigParseException {
        assertThat(parse("global\n[scope1]\n").directives()).contains(new Directive("global", "[scope1]", 2));
    }

    @Test
    void shouldAcceptNegatedOptionsOtherThanChecks() throws ConfigParseException {
        ConfigFile file = parse(HEAD + "    no option redispatch\nbackend b\n    no log\n    server s 127.0.0.1:1\n");

        assertThat(file.directives()).contains(new Directive("defaults", "no option redispatch", 5),
                new Directive("backend b", "no log", 7));
    }

    @Test
    void shouldParseAnEmptyFile() throws ConfigParseException {
        assertThat(parse("").pools()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "outside-section.cfg | 1 | 1 | unknown keyword 'maxconn' out of any section",
        "duplicate-backend.cfg | 14 | 9 | backend 'web' has the same name as backend 'web' declared at line 11",
        "server-in-frontend.cfg | 16 | 5 | 'server' is not allowed in a 'frontend' section",
        "server-in-global.cfg | 2 | 5 | 'server' is not allowed in a 'global' section",
        "bad-weight.cfg | 12 | 37 | weight must be between 0 and 256, got '257'",
        "negative-weight.cfg | 12 | 37 | weight must be between 0 and 256, got '-1'",
        "missing-address.cfg | 12 | 5 | 'server' expects <name> and <addr>[:<port>] as arguments",
        "unterminated-quote.cfg | 13 | 35 | unterminated double quote",
        "unterminated-single-quote.cfg | 12 | 30 | unterminated single quote",
        "unbalanced-if.cfg | 13 | 0 | non-terminated '.if' block",
        "lone-endif.cfg | 13 | 1 | lone '.endif' with no matching '.if'",
        "else-after-else.cfg | 15 | 1 | '.else' after '.else' is not permitted",
        "no-option-httpchk.cfg | 12 | 15 | negation/default is not supported for option 'httpchk'",
        "duplicate-server.cfg | 13 | 12 | backend 'web', another server named 'w1' was already defined at line 12",
        "bad-balance.cfg | 12 | 13 | unknown balance algorithm 'fastest'",
        "port-range.cfg | 12 | 15 | port range not permitted in server address '127.0.0.1:9001-9005'",
        "check-without-port.cfg | 12 | 15 | backend 'web': server 'w1' has neither service port nor check port",
        "bad-hex.cfg | 12 | 35 | truncated or invalid hexadecimal sequence",
        "missing-final-newline.cfg | 12 | 29 | missing line feed",
        "unknown-server-keyword.cfg | 12 | 30 | unknown server keyword 'fastest'",
        "undefined-from.cfg | 11 | 18 | defaults section 'nowhere' not found for backend 'web'",
        "listen-frontend-same-name.cfg | 14 | 8 | listen 'www' has the same name as frontend 'www'",
        "alert.cfg | 14 | 1 | this configuration needs review",
        "duplicate-peers.cfg | 14 | 7 | peers section 'p' has the same name as another one declared at line 11",
        "bad-template-range.cfg | 12 | 23 | wrong server-template number or range '3-1'",
        "bad-server-name.cfg | 12 | 12 | character '/' is not permitted in server name 'w/1'",
        "server-in-defaults.cfg | 15 | 5 | 'server' is not allowed in a 'defaults' section",
        "bad-env-name.cfg | 12 | 18 | forbidden first character in environment variable name",
        "unknown-predicate.cfg | 12 | 5 | unknown predicate 'kernel_atleast'",
    })
    void shouldRejectInvalidFixturesWithLineAndColumn(String name, int line, int column, String reason) {
        // arrange
        String content = HaproxyFixtures.read("invalid/" + name);

        // act
        ConfigParseException error = catchThrowableOfType(ConfigParseException.class,
                () -> parser.parse(name, content, SourceResolver.NONE));

        // assert
        assertThat(error).as(name).isNotNull();
        assertThat(error.file()).isEqualTo(name);
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.column()).isEqualTo(column);
        assertThat(error.reason()).contains(reason);
    }

    @Test
    void shouldCoverEveryInvalidFixtureInTheTable() {
        assertThat(HaproxyFixtures.list("invalid")).hasSize(29);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'backend\n' | 'backend' expects a <name> argument",
        "'backend a b\n' | please use the 'bind' keyword for listening addresses",
        "'defaults d\ndefaults d\nbackend b from d\n' | ambiguous defaults section name 'd'",
        "'backend b\n    balance hash\n' | 'balance hash' expects an argument",
        "'backend b\n    option httpchk GET / HTTP/1.1 x\n' | cannot handle unexpected argument 'x'",
        "'backend b\n    server s 1.2.3.4:99999\n' | out of range",
        "'backend b\n    server s 1.2.3.4:http\n' | invalid port",
        "'backend b\n    server s 1.2.3.4:80 maxconn\n' | expects an argument",
        "'backend b\n    server s 1.2.3.4:80 usesrc x\n' | only allowed after 'source'",
        "'backend b\n    default-server id 3\n' | not supported in 'default-server'",
        "'backend b\n    server-template s 1-100000 1.2.3.4:80\n' | creates more than",
        "'backend b\n    server s [::1:80\n' | missing ']'",
        "'backend b\n.if version_atleast(2.6) &&\n.endif\n' | unparsable conditional expression",
        "'backend b\n.if streq(a)\n.endif\n' | expects 2 arguments",
        "'backend b\n.if (1\n.endif\n' | expected ')'",
        "'backend b\n.if 1 x\n.endif\n' | unexpected character 'x'",
        "'.elif 1\n' | lone '.elif'",
        "'.else\n' | lone '.else'",
        "'.if 1\n.else\n.elif 1\n.endif\n' | '.elif' after '.else'",
        "'.if 1\n.endif x\n' | unexpected argument 'x'",
        "'.warning a b\n' | use quotes",
        "'.unknown\n' | unknown directive '.unknown'",
        "'global\n    no maxconn 1\n' | negation/default",
        "'frontend f\n    default-server check\n' | not allowed in a 'frontend' section",
        "'frontend a\nfrontend a\n' | frontend 'a' has the same name as frontend 'a'",
    })
    void shouldRejectGrammarErrors(String content, String reason) {
        ConfigParseException error = failure(content);

        assertThat(error).as(content).isNotNull();
        assertThat(error.reason()).contains(reason);
        assertThat(error.line()).isPositive();
    }

    @Test
    void shouldAllowAFrontendAndABackendWithTheSameName() throws ConfigParseException {
        ConfigFile file = parse("frontend a\nbackend a\n    server s 127.0.0.1:1\n");

        assertThat(file.pool("a")).isPresent();
    }

    @Test
    void shouldNestConditionsInsideSkippedBlocks() throws ConfigParseException {
        String content = "backend b\n.if 0\n.if foo(\n.endif\n    server x 1.1.1.1:1\n.endif\n"
                + "    server y 1.1.1.1:2\n";

        assertThat(pool(content, "b").servers()).extracting(Server::name).containsExactly("y");
    }

    @Test
    void shouldCompareVersionsLikeHaproxy() {
        assertThat(HaproxyCondition.compareWithCurrent("2.6")).isEqualTo(-1);
        assertThat(HaproxyCondition.compareWithCurrent("2.6.12")).isZero();
        assertThat(HaproxyCondition.compareWithCurrent("2.6.13")).isEqualTo(1);
        assertThat(HaproxyCondition.compareWithCurrent("2.7-dev1")).isEqualTo(1);
        assertThat(HaproxyCondition.compareWithCurrent("x.y")).isEqualTo(-3);
    }

    @Test
    void shouldReportAnOpenIfAtTheLastLineOfTheFileLikeHaproxy() {
        ConfigParseException error = failure("backend b\n.if 1\n    server s 1.1.1.1:1\n\n# end\n");

        assertThat(error.line()).isEqualTo(5);
        assertThat(error.reason()).isEqualTo("non-terminated '.if' block");
    }
}
