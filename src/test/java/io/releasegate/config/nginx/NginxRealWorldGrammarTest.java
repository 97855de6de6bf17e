package io.releasegate.config.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigNote;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Route;
import io.releasegate.config.Server;
import io.releasegate.config.SourceResolver;
import org.junit.jupiter.api.Test;

/** NGINX Plus and newer keywords, and routes, as the real-world corpus (nginx-tests, NGINX-Demos) has them. */
class NginxRealWorldGrammarTest {
    private final NginxParser parser = new NginxParser();

    private ConfigFile parse(String content) throws ConfigParseException {
        return parser.parse("nginx.conf", content, SourceResolver.NONE);
    }

    @Test
    void shouldKeepAndNoteNginxPlusDirectivesAndParameters() throws ConfigParseException {
        // arrange: nginx-tests upstream_sticky.t, upstream_least_time.t, upstream_resolve.t
        String content = """
                events {}
                http {
                    resolver 127.0.0.1:5353;
                    upstream u {
                        zone u 1m;
                        least_time header;
                        server example.net:8080 resolve max_fails=2;
                        server 127.0.0.1:8081;
                        sticky learn create=$upstream_cookie_sid
                               lookup=$cookie_sid zone=client_sessions:1m;
                    }
                    server {
                        listen 127.0.0.1:8080;
                        location / { proxy_pass http://u; }
                    }
                }
                """;

        // act
        ConfigFile file = parse(content);

        // assert
        assertThat(file.notes()).extracting(ConfigNote::kind, ConfigNote::line, ConfigNote::pool,
                ConfigNote::keyword).containsExactly(
                tuple(ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION, 6, "u", "least_time"),
                tuple(ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION, 7, "u", "resolve"),
                tuple(ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION, 10, "u", "sticky"));
        assertThat(file.notes().get(2).message()).contains("\"sticky\" is not a directive of nginx 1.22.1");
        assertThat(file.pool("u").orElseThrow().servers()).hasSize(2);
        assertThat(file.pool("u").orElseThrow().algorithm()).isEqualTo("least_time header");
        assertThat(file.directives()).anyMatch(d -> d.text().startsWith("sticky learn"));
    }

    @Test
    void shouldTakeTheStreamPortFromServiceRecordsWithService() throws ConfigParseException {
        // arrange: nginx-tests stream_upstream_service.t
        String content = """
                stream {
                    resolver 127.0.0.1:5353;
                    upstream u {
                        zone z 1m;
                        server example.net service=http resolve;
                    }
                    server { listen 127.0.0.1:8080; proxy_pass u; }
                }
                """;

        // act
        ConfigFile file = parse(content);

        // assert
        assertThat(file.pool("stream:u").orElseThrow().servers()).extracting(Server::name).containsExactly(
                "example.net");
        assertThat(file.notes()).extracting(ConfigNote::keyword).containsExactly("service=", "resolve");
    }

    @Test
    void shouldNoteUnknownDirectivesOnceAndNotTheDataOfKnownBlocks() throws ConfigParseException {
        // arrange: a typo (crossplane spelling-mistake.conf), a module that is not loaded, and data blocks
        String content = """
                events {}
                mail {
                    server { listen 25; protocol smtp; }
                }
                http {
                    types { text/html html; application/x-made-up mu; }
                    map $http_host $name { default 0; example.com 1; }
                    server {
                        location / { proxy_passs http://127.0.0.1:8080; }
                    }
                }
                """;

        // act
        ConfigFile file = parse(content);

        // assert
        assertThat(file.notes()).extracting(ConfigNote::line, ConfigNote::keyword).containsExactly(
                tuple(2, "mail"), tuple(9, "proxy_passs"));
    }

    @Test
    void shouldReadEveryPassStatementOfAVirtualServerAsARoute() throws ConfigParseException {
        // arrange
        String content = """
                events {}
                http {
                    upstream api { server 127.0.0.1:8081; }
                    upstream web { server 127.0.0.1:8082; }
                    server {
                        listen 127.0.0.1:8080;
                        server_name www.example.org;
                        location /api { proxy_pass http://API/v1/; }
                        location /grpc { grpc_pass grpc://web; }
                        location /php { fastcgi_pass 127.0.0.1:9000; }
                        location /any { proxy_pass http://$backend; }
                        location / { if ($slow) { proxy_pass http://web; } proxy_pass http://web; }
                    }
                }
                stream {
                    upstream api { server 127.0.0.1:9081; }
                    server { listen 127.0.0.1:9080; proxy_pass api; }
                }
                """;

        // act
        ConfigFile file = parse(content);

        // assert
        assertThat(file.routes()).extracting(Route::frontend, Route::condition, Route::target, Route::toPool,
                Route::dynamic).containsExactly(
                tuple("server www.example.org:8080", "location /api", "api", true, false),
                tuple("server www.example.org:8080", "location /grpc", "web", true, false),
                tuple("server www.example.org:8080", "location /php", "127.0.0.1:9000", false, false),
                tuple("server www.example.org:8080", "location /any", "http://$backend", false, true),
                tuple("server www.example.org:8080", "location / > if ($slow)", "web", true, false),
                tuple("server www.example.org:8080", "location /", "web", true, false),
                tuple("stream server :9080", "", "stream:api", true, false));
        assertThat(file.directives()).noneMatch(d -> d.text().contains("_pass"));
    }
}
