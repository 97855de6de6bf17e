package io.releasegate.bench;

/** Generates realistic HAProxy configurations of a chosen number of lines, for the parse benchmarks. */
final class HaproxyConfigGenerator {
    private HaproxyConfigGenerator() {
    }

    /**
     * A realistic file of exactly {@code lines} lines: global and defaults sections, then backends with comments,
     * health checks, default-server lines and servers with parameters, and a frontend every ten backends.
     */
    static String generate(int lines) {
        StringBuilder out = new StringBuilder(lines * 48);
        int[] count = {0};
        line(out, count, "# generated for HaproxyParseBenchmark");
        line(out, count, "global");
        line(out, count, "    maxconn 50000");
        line(out, count, "    log stdout format raw local0 # inline comment");
        line(out, count, "    setenv BENCH \"quoted value with \\\"escapes\\\"\"");
        line(out, count, "defaults");
        line(out, count, "    mode http");
        line(out, count, "    balance leastconn");
        line(out, count, "    timeout connect 5s");
        line(out, count, "    timeout client 30s");
        line(out, count, "    timeout server 30s");
        line(out, count, "    default-server inter 3s fall 3 rise 2");
        int backend = 0;
        while (count[0] < lines - 20) {
            if (backend % 10 == 0) {
                line(out, count, "frontend fe" + backend);
                line(out, count, "    bind 127.0.0.1:" + (20000 + backend));
                line(out, count, "    http-request set-header X-Forwarded-Proto https if { ssl_fc }");
                line(out, count, "    default_backend be" + backend);
            }
            line(out, count, "");
            line(out, count, "# backend number " + backend);
            line(out, count, "backend be" + backend);
            line(out, count, "    balance " + (backend % 3 == 0 ? "roundrobin" : "uri whole"));
            line(out, count, "    option httpchk GET /health");
            line(out, count, "    http-check expect status 200");
            line(out, count, "    default-server check maxconn 100 weight 10");
            for (int s = 0; s < 12 && count[0] < lines - 1; s++) {
                line(out, count, "    server s" + s + " 10." + (backend / 250 % 250) + "." + (backend % 250) + "."
                        + (s + 1) + ":" + (8000 + s) + " cookie c" + s + " slowstart 10s"
                        + (s == 11 ? " backup" : "") + "   # server " + s);
            }
            backend++;
        }
        while (count[0] < lines) {
            line(out, count, "# padding");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, int[] count, String text) {
        out.append(text).append('\n');
        count[0]++;
    }
}
