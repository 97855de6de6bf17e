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

    /** The load balancer's configuration, with web-02 in the pool or taken out "for a load test". */
    static String config(DrillOptions.Balancer balancer, int lbPort, String web01, String web02, boolean withWeb02) {
        if (balancer == DrillOptions.Balancer.NGINX) {
            return "# The drill: the incident's pool, web-01 and web-02 behind round robin.\n"
                    + "worker_processes 1;\n"
                    + "events {\n    worker_connections 256;\n}\n"
                    + "http {\n"
                    + "    access_log off;\n"
                    + "    upstream web {\n"
                    + "        server " + web01 + ";\n"
                    + (withWeb02 ? "        server " + web02 + ";\n"
                            : "        # web-02 taken out for a load test\n")
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
                + "    http-response set-header X-Served-By %[srv_name]\n"
                + "    server web-01 " + web01 + "\n"
                + (withWeb02 ? "    server web-02 " + web02 + "\n" : "    # web-02 taken out for a load test\n");
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
}
