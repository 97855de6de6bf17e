package io.releasegate.drill;

import java.util.Locale;

/** The files the drill commits: the load balancer's configuration before and after the change, and the policy. */
final class DrillFiles {
    static final String POOL = "web";
    static final String ROUTING_KEY_VARIABLE = "RELEASE_GATE_DRILL_ROUTING_KEY";
    static final String REVIEWER = "drill-reviewer";

    private DrillFiles() {
    }

    /** The configuration file's path in the repository. */
    static String configPath(DrillOptions.Balancer balancer) {
        return balancer == DrillOptions.Balancer.NGINX ? "nginx.conf" : "haproxy.cfg";
    }

    /**
     * The pool as one revision declares it: web-02 in it or not, its weight, and which servers are health checked
     * ({@code check} with {@code option httpchk GET /health}; nginx has no active checks and ignores it).
     *
     * @param web02        web-02 is in the pool
     * @param web02Weight  its weight (web-01's is 1)
     * @param web01Check   web-01 is health checked
     * @param web02Check   web-02 is health checked
     * @param web02Comment the comment in place of web-02 when it is out, e.g. {@code taken out for a load test}
     */
    record Shape(boolean web02, int web02Weight, boolean web01Check, boolean web02Check, String web02Comment) {
        /** The incident's pool: web-01 and web-02, weight 1, no health checks. */
        static final Shape BOTH = new Shape(true, 1, false, false, "");

        Shape withoutWeb02(String comment) {
            return new Shape(false, web02Weight, web01Check, web02Check, comment);
        }

        Shape weight(int weight) {
            return new Shape(web02, weight, web01Check, web02Check, web02Comment);
        }

        Shape checks(boolean web01, boolean web02) {
            return new Shape(this.web02, web02Weight, web01, web02, web02Comment);
        }
    }

    /** The load balancer's configuration, with web-02 in the pool or taken out "for a load test". */
    static String config(DrillOptions.Balancer balancer, int lbPort, String web01, String web02, boolean withWeb02) {
        return config(balancer, lbPort, web01, web02, withWeb02 ? Shape.BOTH
                : Shape.BOTH.withoutWeb02("taken out for a load test"));
    }

    /** The load balancer's configuration of the pool {@code shape}. */
    static String config(DrillOptions.Balancer balancer, int lbPort, String web01, String web02, Shape shape) {
        String weight = shape.web02Weight() == 1 ? "" : (balancer == DrillOptions.Balancer.NGINX ? " weight="
                : " weight ") + shape.web02Weight();
        if (balancer == DrillOptions.Balancer.NGINX) {
            return "# The drill: the incident's pool, web-01 and web-02 behind round robin.\n"
                    + "worker_processes 1;\n"
                    + "events {\n    worker_connections 256;\n}\n"
                    + "http {\n"
                    + "    access_log off;\n"
                    + "    upstream web {\n"
                    + "        server " + web01 + ";\n"
                    + (shape.web02() ? "        server " + web02 + weight + ";\n"
                            : "        # web-02 " + shape.web02Comment() + "\n")
                    + "        keepalive 16;\n"
                    + "    }\n"
                    + "    server {\n"
                    + "        listen 127.0.0.1:" + lbPort + ";\n"
                    + "        location / {\n"
                    + "            proxy_pass http://web;\n"
                    + "            proxy_http_version 1.1;\n"
                    + "            proxy_set_header Connection \"\";\n"
                    + "        }\n"
                    + "    }\n"
                    + "}\n";
        }
        boolean checks = shape.web01Check() || shape.web02Check();
        return "# The drill: the incident's pool, web-01 and web-02 behind round robin.\n"
                + "global\n"
                + "    maxconn 256\n"
                + "\n"
                + "defaults\n"
                + "    mode http\n"
                + "    timeout connect 2s\n"
                + "    timeout client 10s\n"
                + "    timeout server 10s\n"
                + "\n"
                + "frontend www\n"
                + "    bind 127.0.0.1:" + lbPort + "\n"
                + "    default_backend web\n"
                + "\n"
                + "backend web\n"
                + "    balance roundrobin\n"
                + (checks ? "    option httpchk GET /health\n" : "")
                + "    http-response set-header X-Served-By %[srv_name]\n"
                + "    server web-01 " + web01 + (shape.web01Check() ? " check inter 200ms" : "") + "\n"
                + (shape.web02() ? "    server web-02 " + web02 + weight + (shape.web02Check() ? " check inter 200ms"
                        : "") + "\n" : "    # web-02 " + shape.web02Comment() + "\n");
    }

    /** {@code .releasegate.yml}: review by the drill reviewer, verification through the load balancer, paging. */
    static String policy(DrillOptions.Balancer balancer, String lbUrl, double rate, String pagerDutyUrl) {
        String identify = balancer == DrillOptions.Balancer.NGINX ? "header:X-Backend" : "header:X-Served-By";
        return "# The drill's policy: the change needs one sign-off; the gate verifies and pages.\n"
                + "version: 1\n"
                + "review:\n"
                + "  threshold: LOW\n"
                + "  approvals:\n"
                + "    HIGH: 1\n"
                + "    CRITICAL: 1\n"
                + "  reviewers:\n"
                + "    - " + REVIEWER + "\n"
                + "verify:\n"
                + "  lb: " + lbUrl + "\n"
                + "  pool: " + POOL + "\n"
                + "  expect: web-01,web-02      # the capacity the service needs, whatever the change says\n"
                + "  identify: " + identify + "\n"
                + "  rate: " + String.format(Locale.ROOT, "%.0f", rate) + "\n"
                + "  concurrency: 4\n"
                + "  timeout: 2s\n"
                + "  deadline: 10s\n"
                + "  deployTimeout: 30s\n"
                + "  rollbackTimeout: 30s\n"
                + "escalation:\n"
                + "  chain: [oncall]\n"
                + "  contacts:\n"
                + "    oncall:\n"
                + "      type: pagerduty\n"
                + "      routingKey: env:" + ROUTING_KEY_VARIABLE + "\n"
                + "      baseUrl: " + pagerDutyUrl + "\n"
                + "  retry:\n"
                + "    maxAttempts: 3\n"
                + "    initialBackoffMs: 50\n"
                + "    maxBackoffMs: 200\n"
                + "    attemptTimeoutMs: 2000\n"
                + "    deadlineMs: 5000\n";
    }

    /**
     * The policy of the watch scenarios: pool web watched every 2 s (a small request budget per cycle), holds
     * capped at an hour with a reminder {@code reminder} before the end, the on-call chain and alice's own contact.
     */
    static String watchPolicy(String lbUrl, double rate, String oncallUrl, String aliceUrl, String reminder) {
        return "# The drill's policy: the watch checks pool web every 2 seconds and pages.\n"
                + "version: 1\n"
                + "watch:\n"
                + "  every: 2s\n"
                + "  failAfter: 2\n"
                + "  pools:\n"
                + "    web:\n"
                + "      lb: " + lbUrl + "\n"
                + "      identify: header:X-Served-By\n"
                + "      requests: 40\n"
                + "      rate: " + String.format(Locale.ROOT, "%.0f", rate) + "\n"
                + "      timeout: 1s\n"
                + "      deadline: 5s\n"
                + "      healthPath: /health\n"
                + "      latencyP95Ms: 500\n"
                + "holds:\n"
                + "  maxDuration: 1h\n"
                + "  reminder: " + reminder + "\n"
                + "escalation:\n"
                + "  chain: [oncall]\n"
                + "  contacts:\n"
                + "    oncall: {type: pagerduty, routingKey: \"env:" + ROUTING_KEY_VARIABLE + "\", baseUrl: \""
                + oncallUrl + "\"}\n"
                + "    alice: {type: pagerduty, routingKey: \"env:" + ROUTING_KEY_VARIABLE + "\", baseUrl: \""
                + aliceUrl + "\"}\n"
                + "  retry: {maxAttempts: 3, initialBackoffMs: 50, maxBackoffMs: 200, attemptTimeoutMs: 2000, "
                + "deadlineMs: 5000}\n";
    }
}
