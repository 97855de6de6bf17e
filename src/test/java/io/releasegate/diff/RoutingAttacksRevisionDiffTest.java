package io.releasegate.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes that send requests away from a pool without touching a server or a route's target: each is ROUTE_CHANGED
 * (HIGH by default), never a LOW OTHER_CHANGE or no change at all. Real git commits, detection by content.
 */
class RoutingAttacksRevisionDiffTest {
    private static final String HAPROXY = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            frontend www
                bind 127.0.0.1:18080
                acl is_web path_beg /
                acl is_api path_beg /api
                use_backend web if is_web
                use_backend api if is_api
                default_backend web
            backend web
                server web-01 127.0.0.1:8081 check
                server web-02 127.0.0.1:8082 check
            backend api
                server api-01 127.0.0.1:9001 check
                server api-02 127.0.0.1:9002 check
            """;
    private static final String NGINX = """
            events {}
            http {
                upstream api { server 127.0.0.1:9001; server 127.0.0.1:9002; }
                upstream web { server 127.0.0.1:8081; server 127.0.0.1:8082; }
                map $uri $pool { default web; ~^/api api; }
                server {
                    listen 127.0.0.1:8080;
                    location ~ ^/api { proxy_pass http://api; }
                    location ~ ^/ { proxy_pass http://web; }
                    location /m { proxy_pass http://$pool; }
                }
            }
            """;

    @TempDir
    Path dir;

    private DiffResult change(String file, String before, String after) throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            String base = repo.write(file, before).commit("base");
            String head = repo.write(file, after).commit("the change");
            return RevisionDiffs.byContent(dir, base, head);
        }
    }

    @Test
    void shouldReportAnAclRedefinedToMatchEverythingAsARouteChange() throws Exception {
        // act: the route's words stay 'use_backend api if is_api'; its ACL now matches every request
        DiffResult result = change("haproxy.cfg", HAPROXY, HAPROXY.replace("acl is_api path_beg /api",
                "acl is_api always_true"));

        // assert
        assertThat(result.changes()).extracting(Change::kind, Change::pool).contains(
                tuple(ChangeKind.ROUTE_CHANGED, "api"));
        assertThat(result.changes()).filteredOn(c -> c.kind() == ChangeKind.ROUTE_CHANGED).singleElement()
                .satisfies(c -> {
                    assertThat(c.message()).isEqualTo("frontend www: 'if is_api' selects other requests for pool api"
                            + " now: before, is_api: path_beg /api; now, is_api: always_true.");
                    assertThat(c.after()).isEqualTo("frontend www, if is_api: pool api (is_api: always_true)");
                });
    }

    @Test
    void shouldReportUseBackendRulesSwappedAsARouteChange() throws Exception {
        // act: the first rule that matches wins; /api went to web before (is_web first) and goes to api now
        DiffResult result = change("haproxy.cfg", HAPROXY, HAPROXY.replace(
                "    use_backend web if is_web\n    use_backend api if is_api\n",
                "    use_backend api if is_api\n    use_backend web if is_web\n"));

        // assert
        assertThat(result.changes()).extracting(Change::kind).containsExactly(ChangeKind.ROUTE_CHANGED);
        assertThat(result.changes().get(0).message()).isEqualTo("frontend www: its rules are tried in another order"
                + " now, and the first that matches wins: 'if is_api' to pool api, then 'if is_web' to pool web "
                + "(before: 'if is_web' to pool web, then 'if is_api' to pool api).");
    }

    @Test
    void shouldReportNginxRegularExpressionLocationsSwappedAsARouteChange() throws Exception {
        // act
        String api = "        location ~ ^/api { proxy_pass http://api; }\n";
        String web = "        location ~ ^/ { proxy_pass http://web; }\n";
        DiffResult result = change("nginx.conf", NGINX, NGINX.replace(api + web, web + api));

        // assert
        assertThat(result.changes()).extracting(Change::kind).containsExactly(ChangeKind.ROUTE_CHANGED);
        assertThat(result.changes().get(0).message()).startsWith("server :8080: its rules are tried in another "
                + "order now, and the first that matches wins: 'location ~ ^/' to pool web, then");
    }

    @Test
    void shouldNotReportPrefixLocationsOrRoutesToOnePoolReorderedAsRouteChanges() throws Exception {
        // arrange: nginx picks the longest prefix whatever the order; two rules to the same pool are one outcome
        String prefixes = NGINX.replace("location ~ ^/api", "location /api").replace("location ~ ^/ ", "location / ");
        String samePool = HAPROXY.replace("use_backend api if is_api", "use_backend web if is_api");

        // act
        DiffResult nginx = change("nginx.conf", prefixes, prefixes.replace(
                "        location /api { proxy_pass http://api; }\n        location / { proxy_pass http://web; }\n",
                "        location / { proxy_pass http://web; }\n        location /api { proxy_pass http://api; }\n"));
        DiffResult haproxy = change("other.cfg", samePool, samePool.replace(
                "    use_backend web if is_web\n    use_backend web if is_api\n",
                "    use_backend web if is_api\n    use_backend web if is_web\n"));

        // assert
        assertThat(nginx.changes()).isEmpty();
        assertThat(haproxy.changes()).filteredOn(c -> c.file().equals("other.cfg")).isEmpty();
    }

    @Test
    void shouldReportARedirectThatAnswersEveryRequestAsARouteChange() throws Exception {
        // act
        DiffResult result = change("haproxy.cfg", HAPROXY, HAPROXY.replace("    use_backend web if is_web\n",
                "    http-request redirect location https://elsewhere.example/\n    use_backend web if is_web\n"));

        // assert
        assertThat(result.changes()).extracting(Change::kind, Change::after).containsExactly(tuple(
                ChangeKind.ROUTE_CHANGED, "http-request redirect location https://elsewhere.example/"));
        assertThat(result.changes().get(0).message()).endsWith("The load balancer answers, redirects or drops the "
                + "requests it matches itself: they reach no pool.");
    }

    @Test
    void shouldReportAnNginxIfWithReturnAsARouteChange() throws Exception {
        // act
        DiffResult result = change("nginx.conf", NGINX, NGINX.replace("listen 127.0.0.1:8080;",
                "listen 127.0.0.1:8080;\n        if ($uri) { return 302 https://elsewhere.example/; }"));

        // assert
        assertThat(result.changes()).extracting(Change::kind).contains(ChangeKind.ROUTE_CHANGED);
        assertThat(result.changes()).filteredOn(c -> c.kind() == ChangeKind.ROUTE_CHANGED).singleElement()
                .extracting(Change::after).isEqualTo("return 302 https://elsewhere.example/");
    }

    @Test
    void shouldReportAnEditOfTheMapThatChoosesTheUpstreamAsARouteChange() throws Exception {
        // act
        DiffResult result = change("nginx.conf", NGINX, NGINX.replace("default web;", "default api;"));

        // assert
        assertThat(result.changes()).extracting(Change::kind).containsExactly(ChangeKind.ROUTE_CHANGED);
        assertThat(result.changes().get(0).message()).isEqualTo("http > map $uri $pool: 'default web' changed to "
                + "'default api'. The map sets $pool, which chooses where requests are passed: some may go to "
                + "another pool now.");
    }

    @Test
    void shouldKeepAMapThatChoosesNoUpstreamAnOtherChange() throws Exception {
        // arrange
        String logging = NGINX.replace("map $uri $pool { default web; ~^/api api; }",
                "map $uri $pool { default web; ~^/api api; }\n    map $status $loggable { default 1; ~^2 0; }");

        // act
        DiffResult result = change("nginx.conf", logging, logging.replace("default 1;", "default 0;"));

        // assert
        assertThat(result.changes()).extracting(Change::kind).containsExactly(ChangeKind.OTHER_CHANGE);
    }
}
