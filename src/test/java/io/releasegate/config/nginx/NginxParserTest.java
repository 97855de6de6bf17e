package io.releasegate.config.nginx;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Directive;
import io.releasegate.config.FileSystemSourceResolver;
import io.releasegate.config.Pool;
import io.releasegate.config.Route;
import io.releasegate.config.Server;
import io.releasegate.config.SourceResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NginxParserTest {
    private static final String HTTP = "events {}\nhttp {\n";
    private final NginxParser parser = new NginxParser();
    private final SourceResolver fixtures = new FileSystemSourceResolver(Path.of("."));

    private ConfigFile parse(String content) throws ConfigParseException {
        return parser.parse("nginx.conf", content, SourceResolver.NONE);
    }

    private ConfigFile parseFixture(String name) throws ConfigParseException {
        String path = "test-fixtures/nginx/valid/" + name;
        return parser.parse(path, fixtures.read(path).orElseThrow(), fixtures);
    }

    private static Server server(String address, int line) {
        int colon = address.lastIndexOf(':');
        return Server.builder(address).address(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1))).line(line).healthCheck(true)
                .param("max_fails", "1").param("fail_timeout", "10s").param("max_conns", "0").build();
    }

    @Test
    void shouldReadTheIncidentPoolBeforeAndAfter() throws Exception {
        // act
        ConfigFile before = parseFixture("incident-before.conf");
        ConfigFile after = parseFixture("incident-after.conf");

        // assert
        String file = "test-fixtures/nginx/valid/incident-before.conf";
        assertThat(before.format()).isEqualTo(ConfigFormat.NGINX);
        assertThat(before.pools()).containsExactly(new Pool("web", "roundrobin", "passive", file, 7,
                List.of(server("127.0.0.1:8081", 8), server("127.0.0.1:8082", 9))));
        Pool web = after.pool("web").orElseThrow();
        assertThat(web.servers()).extracting(Server::name).containsExactly("127.0.0.1:8081");
        assertThat(web.activeServers()).hasSize(1);
        assertThat(before.directives()).extracting(Directive::key).containsExactly(
                "main :: events {...}",
                "main :: http {...}",
                "http :: access_log off",
                "http :: server example.org:18080 {...}",
                "http > server example.org:18080 :: listen 127.0.0.1:18080",
                "http > server example.org:18080 :: server_name example.org",
                "http > server example.org:18080 :: location / {...}");
        assertThat(before.routes()).containsExactly(new Route("server example.org:18080", "location /", "web", true,
                false, "proxy_pass http://web", 17, ""));
    }

    @Test
    void shouldReadEveryBalancerAndServerParameter() throws Exception {
        // act
        ConfigFile config = parseFixture("balancers.conf");

        // assert
        assertThat(config.pools()).extracting(Pool::name, Pool::algorithm).containsExactly(
                org.assertj.core.groups.Tuple.tuple("plain", "roundrobin"),
                org.assertj.core.groups.Tuple.tuple("least", "leastconn"),
                org.assertj.core.groups.Tuple.tuple("sticky_ip", "ip_hash"),
                org.assertj.core.groups.Tuple.tuple("by_uri", "hash $request_uri consistent"),
                org.assertj.core.groups.Tuple.tuple("by_addr", "hash $remote_addr"),
                org.assertj.core.groups.Tuple.tuple("pick_random", "random"),
                org.assertj.core.groups.Tuple.tuple("pick_two", "random two"),
                org.assertj.core.groups.Tuple.tuple("pick_two_least", "random two least_conn"));
        Pool plain = config.pool("plain").orElseThrow();
        assertThat(plain.servers()).containsExactly(
                Server.builder("127.0.0.1:9001").address("127.0.0.1", 9001).weight(3).healthCheck(true).line(12)
                        .param("max_fails", "2").param("fail_timeout", "30s").param("max_conns", "0").build(),
                Server.builder("127.0.0.1:9002").address("127.0.0.1", 9002).disabled(true).healthCheck(true)
                        .line(13).param("max_fails", "1").param("fail_timeout", "10s").param("max_conns", "0")
                        .build(),
                Server.builder("127.0.0.1:9003").address("127.0.0.1", 9003).backup(true).healthCheck(true)
                        .line(14).param("max_fails", "1").param("fail_timeout", "10s").param("max_conns", "10")
                        .build(),
                Server.builder("127.0.0.1:80").address("127.0.0.1", 80).healthCheck(false).line(15)
                        .param("max_fails", "0").param("fail_timeout", "10s").param("max_conns", "0").build());
        assertThat(plain.totalWeight()).isEqualTo(4);
        assertThat(plain.healthCheck()).isEqualTo("passive");
        assertThat(config.pool("least").orElseThrow().backupServers()).extracting(Server::name)
                .containsExactly("127.0.0.1:9012");
        assertThat(config.pool("by_uri").orElseThrow().servers()).extracting(Server::name, Server::host, Server::port)
                .contains(org.assertj.core.groups.Tuple.tuple("[::1]:9032", "::1", 9032));
        assertThat(config.pool("by_addr").orElseThrow().servers()).extracting(Server::name, Server::port)
                .contains(org.assertj.core.groups.Tuple.tuple("unix:/tmp/release-gate-fixture.sock", 0));
        assertThat(config.pool("by_addr").orElseThrow().servers().get(0).params())
                .containsEntry("fail_timeout", "90s");
        assertThat(config.directives()).extracting(Directive::key).contains(
                "main :: worker_processes 1",
                "events :: worker_connections 64",
                "upstream plain :: keepalive 16");
        assertThat(config.routes()).extracting(Route::frontend, Route::condition, Route::target, Route::toPool)
                .contains(org.assertj.core.groups.Tuple.tuple("server :18081", "location = /least", "least", true));
    }

    @Test
    void shouldResolveIncludesRelativeToTheTopLevelFileWithGlobs() throws Exception {
        // act
        ConfigFile config = parseFixture("includes.conf");

        // assert
        assertThat(config.includes()).containsExactly(
                "test-fixtures/nginx/valid/conf.d/upstreams/api.conf",
                "test-fixtures/nginx/valid/conf.d/upstreams/static.conf",
                "test-fixtures/nginx/valid/conf.d/servers/site.conf");
        Pool api = config.pool("api").orElseThrow();
        assertThat(api.file()).isEqualTo("test-fixtures/nginx/valid/conf.d/upstreams/api.conf");
        assertThat(api.line()).isEqualTo(1);
        assertThat(api.algorithm()).isEqualTo("leastconn");
        assertThat(api.servers()).extracting(Server::name, Server::weight, Server::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("127.0.0.1:7001", 1, 3),
                org.assertj.core.groups.Tuple.tuple("127.0.0.1:7002", 2, 4));
        assertThat(config.pool("static").orElseThrow().backupServers()).hasSize(1);
        assertThat(config.directives()).extracting(Directive::key).contains(
                "http :: include conf.d/upstreams/*.conf",
                "http :: include conf.d/none-match-*.conf",
                "http > server api.example.org:18082 > location /api :: proxy_read_timeout 30s");
    }

    @Test
    void shouldKeepStreamAndHttpUpstreamsOfTheSameNameApart() throws Exception {
        // act
        ConfigFile config = parseFixture("stream.conf");

        // assert
        assertThat(config.pools()).extracting(Pool::name)
                .containsExactly("stream:db", "stream:dns", "db");
        Pool streamDb = config.pool("stream:db").orElseThrow();
        assertThat(streamDb.servers()).extracting(Server::name, Server::weight, Server::backup).containsExactly(
                org.assertj.core.groups.Tuple.tuple("127.0.0.1:5432", 2, false),
                org.assertj.core.groups.Tuple.tuple("127.0.0.1:5433", 1, true));
        assertThat(config.pool("stream:dns").orElseThrow().algorithm()).isEqualTo("hash $remote_addr consistent");
        assertThat(config.pool("db").orElseThrow().servers()).extracting(Server::name)
                .containsExactly("127.0.0.1:8432");
        assertThat(config.routes()).extracting(Route::frontend, Route::target).contains(
                org.assertj.core.groups.Tuple.tuple("stream server :15432", "stream:db"));
    }

    @Test
    void shouldUnquoteWordsAndSkipCommentsInTheQuotingFixture() throws Exception {
        // act
        ConfigFile config = parseFixture("quoting.conf");

        // assert
        Pool quoted = config.pool("quoted").orElseThrow();
        assertThat(quoted.servers()).extracting(Server::name, Server::weight).containsExactly(
                org.assertj.core.groups.Tuple.tuple("127.0.0.1:8091", 2),
                org.assertj.core.groups.Tuple.tuple("127.0.0.1:8092", 1));
        assertThat(config.directives()).extracting(Directive::key).contains(
                "http :: log_format main \"$remote_addr \\\"$request\\\" ${status}#not-a-comment\"",
                "http > server quoted.example.org:18083 :: add_header X-Note \"say \\\"hi\\\"\" always",
                "http > server quoted.example.org:18083 :: location ~ ^/(a|b)$ {...}");
    }

    @Test
    void shouldGiveTheSameModelWhateverTheFormatting() throws Exception {
        // arrange
        String compact = HTTP + "upstream web{server 127.0.0.1:8081 weight=2;server 127.0.0.1:8082;}}";
        String spread = HTTP + "# comment\n upstream   web {\n  server\t\"127.0.0.1:8081\"  'weight=2' ;\n"
                + "  server 127.0.0.1:8082 max_fails=1 fail_timeout=10;\n}\n}\n";

        // act
        Pool a = parse(compact).pool("web").orElseThrow();
        Pool b = parse(spread).pool("web").orElseThrow();

        // assert
        assertThat(a.servers()).extracting(s -> s.withLine(0))
                .isEqualTo(b.servers().stream().map(s -> s.withLine(0)).toList());
    }

    @Test
    void shouldNameServersByTheNormalizedAddress() throws Exception {
        // act
        ConfigFile config = parse(HTTP + "upstream u {\nserver 127.0.0.1;\nserver [::1];\nserver LOCALHOST:81;\n"
                + "server unix:/run/app.sock;\n}\n}");

        // assert
        assertThat(config.pool("u").orElseThrow().servers()).extracting(Server::name, Server::address)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1:80", "127.0.0.1:80"),
                        org.assertj.core.groups.Tuple.tuple("[::1]:80", "[::1]:80"),
                        org.assertj.core.groups.Tuple.tuple("localhost:81", "localhost:81"),
                        org.assertj.core.groups.Tuple.tuple("unix:/run/app.sock", "unix:/run/app.sock"));
    }

    @Test
    void shouldAllowBackupBeforeALaterHashBalancerAsNginxDoes() throws Exception {
        // act
        Pool pool = parse(HTTP + "upstream u { server 127.0.0.1:1 backup; ip_hash; server 127.0.0.1:2; }\n}")
                .pool("u").orElseThrow();

        // assert
        assertThat(pool.algorithm()).isEqualTo("ip_hash");
        assertThat(pool.backupServers()).hasSize(1);
    }

    @Test
    void shouldLetALaterBalancerReplaceAnEarlierOneAndKeepTheReplacedOneVisible() throws Exception {
        // act
        ConfigFile config = parse(HTTP + "upstream u { ip_hash; least_conn; server 127.0.0.1:1 backup; }\n}");

        // assert
        assertThat(config.pool("u").orElseThrow().algorithm()).isEqualTo("leastconn");
        assertThat(config.directives()).extracting(Directive::key)
                .contains("upstream u :: ip_hash (replaced by a later balancer)");
    }

    @Test
    void shouldReadNginxPlusParametersAndActiveHealthChecks() throws Exception {
        // act
        ConfigFile config = parse(HTTP + "upstream app { least_time header inflight; zone app 64k;\n"
                + "server 10.0.0.1:80 resolve service=http slow_start=30s route=a drain; }\n"
                + "server { location / { proxy_pass http://app/; health_check interval=5; } }\n}");

        // assert
        Pool app = config.pool("app").orElseThrow();
        assertThat(app.algorithm()).isEqualTo("least_time header inflight");
        assertThat(app.healthCheck()).isEqualTo("active");
        assertThat(app.servers().get(0).params()).containsEntry("resolve", "true").containsEntry("service", "http")
                .containsEntry("slow_start", "30s").containsEntry("route", "a").containsEntry("drain", "true");
    }

    @Test
    void shouldReportNoHealthCheckWhenEveryServerHasPassiveChecksOff() throws Exception {
        // act
        Pool pool = parse(HTTP + "upstream u { server 127.0.0.1:1 max_fails=0; }\n}").pool("u").orElseThrow();

        // assert
        assertThat(pool.healthCheck()).isEmpty();
        assertThat(pool.healthChecked()).isFalse();
    }

    @Test
    void shouldTreatServerInsideMapAsAKeyNotAnUpstreamServer() throws Exception {
        // act
        ConfigFile config = parse(HTTP + "map $host $x { server 1; default 0; }\n}");

        // assert
        assertThat(config.pools()).isEmpty();
        assertThat(config.directives()).extracting(Directive::key).contains("http > map $host $x :: server 1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "upstream u { server 127.0.0.1:1 weight=0; }| 3| 14| invalid parameter \"weight=0\"",
        "upstream u { server 127.0.0.1:1 weight=x; }| 3| 14| invalid parameter \"weight=x\"",
        "upstream u { server 127.0.0.1:1 weight=99999999999; }| 3| 14| invalid parameter \"weight=99999999999\"",
        "upstream u { server 127.0.0.1:1 max_fails=-1; }| 3| 14| invalid parameter \"max_fails=-1\"",
        "upstream u { server 127.0.0.1:1 max_conns=; }| 3| 14| invalid parameter \"max_conns=\"",
        "upstream u { server 127.0.0.1:1 fail_timeout=10ms; }| 3| 14| invalid parameter \"fail_timeout=10ms\"",
        "upstream u { server 127.0.0.1:1 fail_timeout=1s1m; }| 3| 14| invalid parameter \"fail_timeout=1s1m\"",
        "upstream u { server 127.0.0.1:1 Backup; }| 3| 14| invalid parameter \"Backup\"",
        "upstream u { server 127.0.0.1:1 service=; }| 3| 14| invalid parameter \"service=\"",
        "upstream u { ip_hash; server 127.0.0.1:1 backup; }| 3| 23| balancing method does not support parameter \"backup\"",
        "upstream u { hash $a; server 127.0.0.1:1 backup; }| 3| 23| balancing method does not support parameter \"backup\"",
        "upstream u { random; server 127.0.0.1:1 backup; }| 3| 22| balancing method does not support parameter \"backup\"",
        "upstream u { hash $a ring; server 127.0.0.1:1; }| 3| 14| invalid parameter \"ring\"",
        "upstream u { hash; server 127.0.0.1:1; }| 3| 14| invalid number of arguments in \"hash\" directive",
        "upstream u { ip_hash x; server 127.0.0.1:1; }| 3| 14| invalid number of arguments in \"ip_hash\" directive",
        "upstream u { least_conn { } server 127.0.0.1:1; }| 3| 14| directive \"least_conn\" is not terminated by \";\"",
        "upstream u { random three; server 127.0.0.1:1; }| 3| 14| invalid parameter \"three\"",
        "upstream u { random two most_conn; server 127.0.0.1:1; }| 3| 14| invalid parameter \"most_conn\"",
        "upstream u { least_time slowest; server 127.0.0.1:1; }| 3| 14| invalid parameter \"slowest\"",
        "upstream u { keepalive 2; }| 3| 27| no servers are inside upstream \"u\"",
        "upstream u { server; }| 3| 14| invalid number of arguments in \"server\" directive",
        "upstream u { server 127.0.0.1:1 { } }| 3| 14| directive \"server\" is not terminated by \";\"",
        "upstream u { server 127.0.0.1:0; }| 3| 14| invalid port in upstream \"127.0.0.1:0\"",
        "upstream u { server 127.0.0.1:; }| 3| 14| invalid port in upstream \"127.0.0.1:\"",
        "upstream u { server :80; }| 3| 14| no host in upstream \":80\"",
        "upstream u { server 300.1.1.1:80; }| 3| 14| invalid host in upstream \"300.1.1.1:80\"",
        "upstream u { server http://127.0.0.1; }| 3| 14| invalid port in upstream \"http://127.0.0.1\"",
        "upstream u { server [::1:80; }| 3| 14| invalid host in upstream \"[::1:80\"",
        "upstream u { server 127.0.0.1:1; upstream v { } }| 3| 34| \"upstream\" directive is not allowed here",
        "upstream u { server 127.0.0.1:1; }\\nupstream U { server 127.0.0.1:2; }| 4| 1| duplicate upstream \"U\"",
        "upstream u;| 3| 1| directive \"upstream\" has no opening \"{\"",
        "upstream { server 127.0.0.1:1; }| 3| 1| invalid number of arguments in \"upstream\" directive",
        "upstream a b { server 127.0.0.1:1; }| 3| 1| invalid number of arguments in \"upstream\" directive",
        "server 127.0.0.1:1;| 3| 1| directive \"server\" has no opening \"{\"",
        "server x { }| 3| 1| invalid number of arguments in \"server\" directive",
        "server { server { } }| 3| 10| \"server\" directive is not allowed here",
        "server { location / { upstream u { server 127.0.0.1:1; } } }| 3| 23| \"upstream\" directive is not allowed here",
        "least_conn;| 3| 1| \"least_conn\" directive is not allowed here",
        "include x { }| 3| 1| directive \"include\" is not terminated by \";\"",
        "include a b;| 3| 1| invalid number of arguments in \"include\" directive",
        "include missing.conf;| 3| 1| open() \"missing.conf\" failed: included file not found",
        "upstream u { server 127.0.0.1:1 }| 3| 33| unexpected \"}\"",
        "upstream u { server 127.0.0.1:1; }<EOF>| 4| 1| unexpected end of file, expecting \"}\"",
        "}\\n}| 4| 1| unexpected \"}\"",
        "{ }| 3| 1| unexpected \"{\"",
        "access_log off;;| 3| 16| unexpected \";\"",
    })
    void shouldRejectWhatNginxRejectsWithFileLineAndColumn(String body, int line, int column, String reason) {
        // arrange
        String text = body.replace("\\n", "\n");
        String source = text.endsWith("<EOF>") ? HTTP + text.replace("<EOF>", "\n") : HTTP + text + "\n}\n";

        // act / assert
        assertThatThrownBy(() -> parse(source)).isInstanceOfSatisfying(ConfigParseException.class, e -> {
            assertThat(e.file()).isEqualTo("nginx.conf");
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(column);
        });
    }

    @Test
    void shouldRejectStreamServersWithoutPortAndIpHashInStream() {
        // act / assert
        assertThatThrownBy(() -> parse("stream { upstream s { server 127.0.0.1; } }"))
                .isInstanceOf(ConfigParseException.class).hasMessage("nginx.conf:1:23: no port in upstream \"127.0.0.1\"");
        assertThatThrownBy(() -> parse("stream { upstream s { ip_hash; server 127.0.0.1:1; } }"))
                .isInstanceOf(ConfigParseException.class)
                .hasMessage("nginx.conf:1:23: \"ip_hash\" directive is not allowed here");
    }

    @Test
    void shouldRejectUpstreamAtTheTopLevelOfAFullConfig() {
        // act / assert
        assertThatThrownBy(() -> parse("events {} upstream u { server 127.0.0.1:1; }"))
                .isInstanceOf(ConfigParseException.class)
                .hasMessage("nginx.conf:1:11: \"upstream\" directive is not allowed here");
    }

    @Test
    void shouldNameTheIncludedFileAndItsLineInErrors() {
        // arrange
        SourceResolver resolver = resolver(Map.of("conf/inc/bad.conf", "# bad\nupstream u { server 127.0.0.1:1 weight=-1; }"));

        // act / assert
        assertThatThrownBy(() -> parser.parse("conf/nginx.conf", HTTP + "include inc/*.conf;\n}\n", resolver))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.file()).isEqualTo("conf/inc/bad.conf");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(14);
                    assertThat(e.reason()).isEqualTo("invalid parameter \"weight=-1\"");
                });
    }

    @Test
    void shouldResolveIncludesAgainstTheTopLevelDirectoryEvenFromNestedIncludes() throws Exception {
        // arrange
        SourceResolver resolver = resolver(Map.of(
                "conf/a/first.conf", "include b/second.conf;",
                "conf/b/second.conf", "upstream u { server 127.0.0.1:1; }",
                "conf/./b/../b/second.conf", "must not be read: paths are normalized"));

        // act
        ConfigFile config = parser.parse("conf/nginx.conf", HTTP + "include ./a/../a/first.conf;\n}\n", resolver);

        // assert
        assertThat(config.includes()).containsExactly("conf/a/first.conf", "conf/b/second.conf");
        assertThat(config.pool("u").orElseThrow().file()).isEqualTo("conf/b/second.conf");
    }

    @Test
    void shouldAcceptAnEmptyGlobAndRejectAMissingPlainInclude() throws Exception {
        // act
        ConfigFile config = parser.parse("nginx.conf", HTTP + "include none/*.conf;\n}\n", resolver(Map.of()));

        // assert
        assertThat(config.includes()).isEmpty();
        assertThatThrownBy(() -> parser.parse("nginx.conf", HTTP + "include none.conf;\n}\n", resolver(Map.of())))
                .isInstanceOf(ConfigParseException.class).hasMessageContaining("nginx.conf:3:1:");
    }

    @Test
    void shouldRejectIncludeCycles() {
        // arrange
        SourceResolver resolver = resolver(Map.of("a.conf", "include b.conf;", "b.conf", "include a.conf;"));

        // act / assert
        assertThatThrownBy(() -> parser.parse("nginx.conf", "include a.conf;", resolver))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.file()).isEqualTo("b.conf");
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.reason()).isEqualTo("include cycle: nginx.conf -> a.conf -> b.conf -> a.conf");
                });
        assertThatThrownBy(() -> parser.parse("nginx.conf", "include nginx.conf;", resolver))
                .isInstanceOf(ConfigParseException.class).hasMessageContaining("include cycle");
    }

    @Test
    void shouldRejectIncludesNestedTooDeeply() {
        // arrange
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            files.put("f" + i + ".conf", "include f" + (i + 1) + ".conf;");
        }

        // act / assert
        assertThatThrownBy(() -> parser.parse("nginx.conf", "include f0.conf;", resolver(files)))
                .isInstanceOf(ConfigParseException.class)
                .hasMessageContaining("includes nested deeper than 20 levels");
    }

    @Test
    void shouldRejectAnIncludeExplosion() {
        // arrange: each file includes the next one ten times: 10^19 reads without a budget
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < 19; i++) {
            files.put("f" + i + ".conf", ("include f" + (i + 1) + ".conf;\n").repeat(10));
        }
        files.put("f19.conf", "worker_processes 1;");

        // act / assert
        assertThatThrownBy(() -> parser.parse("nginx.conf", "include f0.conf;", resolver(files)))
                .isInstanceOf(ConfigParseException.class).hasMessageContaining("included files");
    }

    @Test
    void shouldRejectBlocksNestedTooDeeply() {
        // arrange
        String deep = "a {".repeat(10_000) + "}".repeat(10_000);

        // act / assert
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(ConfigParseException.class)
                .hasMessageContaining("blocks nested deeper than 64 levels");
    }

    @Test
    void shouldTurnAResolverFailureIntoAMissingInclude() {
        // arrange
        SourceResolver failing = new SourceResolver() {
            @Override
            public Optional<String> read(String path) {
                throw new IllegalStateException("disk on fire");
            }

            @Override
            public List<String> glob(String pattern) {
                return List.of();
            }
        };

        // act / assert
        assertThatThrownBy(() -> parser.parse("nginx.conf", "include x.conf;", failing))
                .isInstanceOf(ConfigParseException.class).hasMessageContaining("included file not found");
    }

    @Test
    void shouldKeepDirectiveOrderAndScopesOfNestedBlocks() throws Exception {
        // act
        ConfigFile config = parse("user www;\nevents { worker_connections 8; }\nhttp {\n gzip on;\n"
                + " server { listen 8080; location /api { if ($x) { return 403; } } }\n}\n");

        // assert
        assertThat(config.directives()).extracting(Directive::scope, Directive::text, Directive::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("main", "user www", 1),
                org.assertj.core.groups.Tuple.tuple("main", "events {...}", 2),
                org.assertj.core.groups.Tuple.tuple("events", "worker_connections 8", 2),
                org.assertj.core.groups.Tuple.tuple("main", "http {...}", 3),
                org.assertj.core.groups.Tuple.tuple("http", "gzip on", 4),
                org.assertj.core.groups.Tuple.tuple("http", "server :8080 {...}", 5),
                org.assertj.core.groups.Tuple.tuple("http > server :8080", "listen 8080", 5),
                org.assertj.core.groups.Tuple.tuple("http > server :8080", "location /api {...}", 5),
                org.assertj.core.groups.Tuple.tuple("http > server :8080 > location /api", "if ($x) {...}", 5),
                org.assertj.core.groups.Tuple.tuple("http > server :8080 > location /api > if ($x)", "return 403", 5));
    }

    @Test
    void shouldParseAnEmptyFile() throws Exception {
        // act
        ConfigFile config = parse("# nothing\n");

        // assert
        assertThat(config.pools()).isEmpty();
        assertThat(config.directives()).isEmpty();
        assertThat(config.path()).isEqualTo("nginx.conf");
    }

    static SourceResolver resolver(Map<String, String> files) {
        return new SourceResolver() {
            @Override
            public Optional<String> read(String path) {
                return Optional.ofNullable(files.get(path));
            }

            @Override
            public List<String> glob(String pattern) {
                java.util.regex.Pattern regex = java.util.regex.Pattern.compile(pattern.replace(".", "\\.")
                        .replace("*", "[^/]*").replace("?", "[^/]"));
                return files.keySet().stream().filter(k -> regex.matcher(k).matches()).sorted().toList();
            }
        };
    }

    @Test
    void shouldReadAnIncludedFragmentOfUpstreamsInTheHttpContext() throws Exception {
        String fragment = "upstream api {\n    least_conn;\n    server 127.0.0.1:7001;\n    server 127.0.0.1:7002;\n}\n";

        ConfigFile file = new NginxParser().parse("conf.d/api.conf", fragment, SourceResolver.NONE);

        assertThat(file.pools()).singleElement().satisfies(pool -> {
            assertThat(pool.name()).isEqualTo("api");
            assertThat(pool.algorithm()).isEqualTo("leastconn");
            assertThat(pool.servers()).hasSize(2);
        });
    }

}
