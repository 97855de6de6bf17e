package io.releasegate.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigNote;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.config.SourceResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grammar points that configurations of the real-world corpus showed, each checked against HAProxy 2.6.12. */
class HaproxyRealWorldGrammarTest {
    private final HaproxyParser parser = new HaproxyParser();

    private ConfigFile parse(String content) throws ConfigParseException {
        return parser.parse("h.cfg", content, SourceResolver.NONE);
    }

    private ConfigParseException failure(String content) {
        return catchThrowableOfType(ConfigParseException.class, () -> parse(content));
    }

    @Test
    void shouldTakeABareBalanceAsRoundRobin() throws ConfigParseException {
        // arrange: tests/conf/test-fsm.cfg has "balance" alone; HAProxy's backend_parse_balance() defaults to it
        String content = "backend b\n    balance source\n    balance\n    server s 127.0.0.1:80\n";

        // act
        Pool pool = parse(content).pool("b").orElseThrow();

        // assert
        assertThat(pool.algorithm()).isEqualTo("roundrobin");
    }

    @Test
    void shouldTakeTheCheckPortFromTheFirstTcpCheckConnect() throws ConfigParseException {
        // arrange: tests/conf/tcp-check.cfg; the tcp-check rules may come after the servers
        String content = """
                listen multi-tcp-check
                    bind :80
                    mode tcp
                    server server1 127.0.0.1: check
                    option tcp-check
                    tcp-check comment "first a comment"
                    tcp-check connect port 9001
                    tcp-check connect port 9002
                """;

        // act
        Pool pool = parse(content).pool("multi-tcp-check").orElseThrow();

        // assert
        assertThat(pool.servers()).extracting(Server::name, Server::port, Server::healthCheck)
                .containsExactly(tuple("server1", 0, true));
        assertThat(pool.healthCheck()).isEqualTo("tcp-check");
    }

    @Test
    void shouldInheritTcpCheckRulesFromDefaults() throws ConfigParseException {
        String content = "defaults\n    option tcp-check\n    tcp-check connect port 80\nbackend b\n"
                + "    server s1 127.0.0.1 check\n";

        assertThat(parse(content).pool("b").orElseThrow().servers()).hasSize(1);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'backend b\n    server s1 127.0.0.1 check\n    tcp-check connect port 80\n' "
            + "| has neither service port nor check port",
        "'backend b\n    option tcp-check\n    tcp-check send PING\\r\\n\n    tcp-check connect port 80\n"
            + "    server s1 127.0.0.1 check\n' | nor tcp_check rule 'connect' with port information",
        "'backend b\n    option tcp-check\n    tcp-check connect port 80\n    tcp-check connect\n"
            + "    server s1 127.0.0.1 check\n' | and a tcp_check rule 'connect' with no port information",
        "'backend b\n    option httpchk\n    http-check connect port 80\n    server s1 127.0.0.1 check\n' "
            + "| has neither service port nor check port",
    })
    void shouldRefuseACheckedServerWithoutAPortAsHaproxyDoes(String content, String reason) {
        ConfigParseException error = failure(content);

        assertThat(error).as(content).isNotNull();
        assertThat(error.reason()).contains("server 's1' has neither service port nor check port").contains(reason);
        assertThat(error.line()).isEqualTo(content.lines().toList().indexOf(content.lines()
                .filter(l -> l.contains("server s1")).findFirst().orElseThrow()) + 1);
    }

    @Test
    void shouldReadBothBranchesOfAnIfOnTheSslLibraryAsConditionalServers() throws ConfigParseException {
        // arrange: reg-tests/ssl/ssl_errors.vtc
        String content = """
                backend ssl-errors
                    server plain 127.0.0.1:8080
                .if openssl_version_before(1.1.1)
                    server wrong_ciphers 127.0.0.1:8081 ssl verify none
                    server twin 127.0.0.1:8083
                .else
                    server wrong_ciphers_tls13 127.0.0.1:8082 ssl verify none
                    server twin 127.0.0.1:8084
                .endif
                """;

        // act
        ConfigFile file = parse(content);

        // assert
        assertThat(file.pool("ssl-errors").orElseThrow().servers()).extracting(Server::name, Server::condition)
                .containsExactly(tuple("plain", ""),
                        tuple("wrong_ciphers", "openssl_version_before(1.1.1)"),
                        tuple("twin", "openssl_version_before(1.1.1)"),
                        tuple("wrong_ciphers_tls13", "not openssl_version_before(1.1.1)"),
                        tuple("twin", "not openssl_version_before(1.1.1)"));
    }

    @Test
    void shouldNoteAWholeSectionUnderAnUnknownCondition() throws ConfigParseException {
        String content = """
                .if openssl_version_atleast(1.1.1) && defined(TLS13)
                listen tls13
                    bind 127.0.0.1:8443
                    server s1 127.0.0.1:8081
                .endif
                """;

        ConfigFile file = parse(content);

        assertThat(file.pool("tls13").orElseThrow().servers()).extracting(Server::condition)
                .containsExactly("(openssl_version_atleast(1.1.1) && defined(TLS13))");
        assertThat(file.notes()).extracting(ConfigNote::kind, ConfigNote::line, ConfigNote::pool).containsExactly(
                tuple(ConfigNote.Kind.CONDITIONAL, 2, "tls13"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "openssl_version_before(1.1.1) || 1 ; true",
        "defined(HOME) && 0 ; false",
        "!ssllib_name_startswith(OpenSSL) && version_before(2.0) ; false",
        "streq(\"${ENV}\",prod) || feature(OPENSSL) ; true",
    })
    void shouldDecideWhatTheKnownPartOfAConditionDecides(String expression, boolean taken)
            throws ConfigParseException {
        String content = "backend b\n.if " + expression + "\n    server s 127.0.0.1:80\n.endif\n";

        Pool pool = parse(content).pool("b").orElseThrow();

        assertThat(pool.servers()).extracting(Server::condition).containsExactlyElementsOf(
                taken ? java.util.List.of("") : java.util.List.of());
    }

    @Test
    void shouldKeepAndNoteKeywordsHaproxy26DoesNotKnow() throws ConfigParseException {
        // arrange: tests/conf/test-hash-preseve-affinity.cfg and a global tuning keyword of HAProxy 3.x
        String content = """
                global
                    tune.lua.bool-sample-conversion normal
                listen l
                    bind :8080
                    balance hash req.hdr(host)
                    hash-preserve-affinity maxqueue
                    server s 127.0.0.1:80
                """;

        // act
        ConfigFile file = parse(content);

        // assert
        assertThat(file.notes()).extracting(ConfigNote::kind, ConfigNote::line, ConfigNote::keyword).containsExactly(
                tuple(ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION, 2, "tune.lua.bool-sample-conversion"),
                tuple(ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION, 6, "hash-preserve-affinity"));
        assertThat(file.notes().get(1).message()).contains("not a keyword of HAProxy 2.6.12");
        assertThat(file.directives()).anyMatch(d -> d.text().equals("hash-preserve-affinity maxqueue"));
    }

    @Test
    void shouldNotNoteKeywordsHaproxy26Knows() throws ConfigParseException {
        String content = """
                global
                    maxconn 100
                    log stdout format raw local0
                    tune.ssl.default-dh-param 2048
                defaults
                    mode http
                    option redispatch
                    no option http-server-close
                    timeout connect 5s
                frontend f
                    bind :8080
                    acl api path_beg /api
                    http-request deny if { src 10.0.0.0/8 }
                    use_backend b if api
                    default_backend b
                backend b
                    http-reuse safe
                    stick-table type ip size 1m
                    server s 127.0.0.1:80
                """;

        assertThat(parse(content).notes()).isEmpty();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "'defaults\n    timeout connect 5s\nlisten l\n    contimeout 5s\n' | 4 | 'contimeout' directive is not "
            + "supported anymore since HAProxy 2.1. Use 'timeout connect'.",
        "'defaults\n    http-request set-header X-Hdr 1\n' | 2 | 'http-request' not allowed in anonymous "
            + "'defaults' section",
        "'defaults\n    tcp-request inspect-delay 5s\n' | 2 | tcp-request inspect-delay is not allowed in anonymous "
            + "'defaults' sections",
        "'defaults invalid\n    tcp-request content accept\n\nlisten li from invalid\n    bind :80\n' | 4 "
            + "| a listen section cannot inherit from a defaults section defining TCP/HTTP rules",
        "'global\n    log 127.0.0.1:10001-10010 local0\n' | 2 | port range not permitted here",
        "'global\n    log backend@mylog-tcp local0\n' | 2 | invalid address: 'backend@mylog-tcp'",
        "'frontend f\n    bind mptcp@[::]:5000\n' | 2 | invalid address: 'mptcp@[::]'",
        "'frontend f :11000\n' | 1 | please use the 'bind' keyword for listening addresses",
    })
    void shouldRejectWhatHaproxy26RejectsOnTheSameLine(String content, int line, String reason) {
        ConfigParseException error = failure(content);

        assertThat(error).as(content).isNotNull();
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.reason()).contains(reason);
    }

    @Test
    void shouldIgnoreWordsAfterADefaultsNameAndTakeTemplateRangesFromZero() throws ConfigParseException {
        // arrange: the Data Plane API fixtures have both; HAProxy 2.6.12 accepts them
        String content = "defaults mydefaults    mode http\n    timeout connect 5s\nbackend b from mydefaults\n"
                + "    server-template srv 0-2 127.0.0.1:80\n";

        // act
        Pool pool = parse(content).pool("b").orElseThrow();

        // assert
        assertThat(pool.servers()).extracting(Server::name).containsExactly("srv0", "srv1", "srv2");
    }

    @Test
    void shouldAcceptLogTargetsWhoseResolutionDependsOnTheMachine() throws ConfigParseException {
        String content = "global\n    log rsyslog local0\n    log ring@buf local0\n    log stdout format raw local0\n"
                + "    log udp@127.0.0.1:514 local1\n";

        assertThat(parse(content).directives()).hasSize(5);
    }
}
