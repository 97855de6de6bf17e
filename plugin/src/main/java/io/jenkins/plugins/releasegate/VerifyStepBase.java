package io.jenkins.plugins.releasegate;

import hudson.Util;
import io.jenkins.plugins.releasegate.agent.PoolSource;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.health.HealthOptions;
import java.io.Serializable;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The options shared by {@code releaseGateVerify} and the {@code releaseGate} block step: what to verify
 * ({@code lb}, {@code pool} from {@code config}, or {@code expect}), how ({@code identify}, {@code requests},
 * {@code rate}, {@code timeout}, {@code healthPath}, {@code latencyP95Ms}, {@code healthBody}, {@code haproxySocket},
 * {@code stats}), and what to do on failure ({@code rollback}, {@code page}, {@code failBuild}). They make the same
 * engine {@link VerificationSpec} as {@code release-gate verify} and the policy's {@code verify:} section. Help files
 * for these fields live next to this class and serve both steps.
 */
public abstract class VerifyStepBase extends Step implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int DEFAULT_ROLLBACK_TIMEOUT_MINUTES = 10;
    static final int DEFAULT_TIMEOUT_SECONDS = (int) VerificationSpec.Traffic.DEFAULTS.timeout().toSeconds();
    static final int DEFAULT_LATENCY_P95_MS = (int) HealthOptions.DEFAULTS.latencyP95Ms();

    private String lb;
    private String pool;
    private String config;
    private String expect;
    private String identify;
    private int requests;
    private int rate;
    private int timeout = DEFAULT_TIMEOUT_SECONDS;
    private String healthPath;
    private int latencyP95Ms = DEFAULT_LATENCY_P95_MS;
    private String healthBody;
    private String haproxySocket;
    private String stats;
    private String rollback;
    private int rollbackTimeout = DEFAULT_ROLLBACK_TIMEOUT_MINUTES;
    private boolean page = true;
    private boolean failBuild = true;
    private String junit;
    private String base;
    private String head;

    public String getLb() {
        return lb;
    }

    @DataBoundSetter
    public void setLb(String lb) {
        this.lb = Util.fixEmptyAndTrim(lb);
    }

    public String getPool() {
        return pool;
    }

    @DataBoundSetter
    public void setPool(String pool) {
        this.pool = Util.fixEmptyAndTrim(pool);
    }

    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Util.fixEmptyAndTrim(config);
    }

    public String getExpect() {
        return expect;
    }

    @DataBoundSetter
    public void setExpect(String expect) {
        this.expect = Util.fixEmptyAndTrim(expect);
    }

    public String getIdentify() {
        return identify;
    }

    @DataBoundSetter
    public void setIdentify(String identify) {
        this.identify = Util.fixEmptyAndTrim(identify);
    }

    public int getRequests() {
        return requests;
    }

    @DataBoundSetter
    public void setRequests(int requests) {
        this.requests = Math.max(0, requests);
    }

    public int getRate() {
        return rate;
    }

    /** Requests per second at most; 0: the engine's default. */
    @DataBoundSetter
    public void setRate(int rate) {
        this.rate = Math.max(0, rate);
    }

    public int getTimeout() {
        return timeout;
    }

    /** Seconds per request, health probe and live-state read; default 2. */
    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS;
    }

    public String getHealthPath() {
        return healthPath;
    }

    @DataBoundSetter
    public void setHealthPath(String healthPath) {
        this.healthPath = Util.fixEmptyAndTrim(healthPath);
    }

    public int getLatencyP95Ms() {
        return latencyP95Ms;
    }

    /** Health: the p95 latency limit in milliseconds; 0 turns the latency check off. Default 1000. */
    @DataBoundSetter
    public void setLatencyP95Ms(int latencyP95Ms) {
        this.latencyP95Ms = Math.max(0, latencyP95Ms);
    }

    public String getHealthBody() {
        return healthBody;
    }

    /** Health: a regular expression every response body must contain. */
    @DataBoundSetter
    public void setHealthBody(String healthBody) {
        this.healthBody = Util.fixEmptyAndTrim(healthBody);
    }

    public String getStats() {
        return stats;
    }

    /** The HAProxy stats page as CSV ({@code http://127.0.0.1:8404/stats;csv}): drift from the stats page. */
    @DataBoundSetter
    public void setStats(String stats) {
        this.stats = Util.fixEmptyAndTrim(stats);
    }

    public String getHaproxySocket() {
        return haproxySocket;
    }

    @DataBoundSetter
    public void setHaproxySocket(String haproxySocket) {
        this.haproxySocket = Util.fixEmptyAndTrim(haproxySocket);
    }

    public String getRollback() {
        return rollback;
    }

    @DataBoundSetter
    public void setRollback(String rollback) {
        this.rollback = Util.fixEmptyAndTrim(rollback);
    }

    public int getRollbackTimeout() {
        return rollbackTimeout;
    }

    /** Minutes the rollback command may run before it is killed. */
    @DataBoundSetter
    public void setRollbackTimeout(int rollbackTimeout) {
        this.rollbackTimeout = rollbackTimeout > 0 ? rollbackTimeout : DEFAULT_ROLLBACK_TIMEOUT_MINUTES;
    }

    public boolean isPage() {
        return page;
    }

    @DataBoundSetter
    public void setPage(boolean page) {
        this.page = page;
    }

    public boolean isFailBuild() {
        return failBuild;
    }

    @DataBoundSetter
    public void setFailBuild(boolean failBuild) {
        this.failBuild = failBuild;
    }

    public String getJunit() {
        return junit;
    }

    @DataBoundSetter
    public void setJunit(String junit) {
        this.junit = Util.fixEmptyAndTrim(junit);
    }

    public String getBase() {
        return base;
    }

    /** RELEASE_GATE_BASE for the rollback command; default: the base of this build's releaseGateDiff. */
    @DataBoundSetter
    public void setBase(String base) {
        this.base = Util.fixEmptyAndTrim(base);
    }

    public String getHead() {
        return head;
    }

    @DataBoundSetter
    public void setHead(String head) {
        this.head = Util.fixEmptyAndTrim(head);
    }

    /**
     * The engine's verification spec of these options, checked now (before anything is deployed).
     *
     * @throws IllegalArgumentException naming the bad option
     */
    VerificationSpec spec() {
        VerificationSpec.Builder builder = VerificationSpec.builder(lb).identify(identify).requests(requests)
                .timeout(Duration.ofSeconds(timeout)).latencyP95Ms(latencyP95Ms).healthBody(healthBody)
                .healthPath(healthPath).haproxySocket(haproxySocket).stats(stats);
        if (rate > 0) {
            builder.rate(rate);
        }
        if (expect != null) {
            builder.expect(expect).pool(pool);
        }
        return builder.build();
    }

    /** Where the agent finds the declared pool after the deploy: none with {@code expect}, else the config. */
    PoolSource poolSource() {
        return expect != null ? PoolSource.none() : new PoolSource(pool, config, "HEAD");
    }

    /** The pool as pages, the build's page and the dedup key name it: {@code pool}, else the expected servers. */
    String poolLabel() {
        return pool != null ? pool : expect;
    }

    /** The first problem with the options, or null when they can run. */
    String problem() {
        if (lb == null) {
            return "give the load balancer's URL: lb: 'http://127.0.0.1:8080/'";
        }
        if (expect == null && pool == null) {
            return "give the pool to verify (pool: 'web', from the configuration) or the expected servers"
                    + " (expect: 'web-01,web-02')";
        }
        if (expect != null && healthPath != null) {
            return "healthPath needs the servers' addresses from the configuration (pool: with config:), not"
                    + " expect:";
        }
        try {
            spec();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }
}
