package io.jenkins.plugins.releasegate;

import hudson.Util;
import io.jenkins.plugins.releasegate.agent.VerifyOptions;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The options shared by {@code releaseGateVerify} and the {@code releaseGate} block step: what to verify
 * ({@code lb}, {@code pool} from {@code config}, or {@code expect}), how ({@code identify}, {@code requests},
 * {@code rate}, {@code healthPath}, {@code haproxySocket}), and what to do on failure ({@code rollback},
 * {@code page}, {@code failBuild}). Help files for these fields live next to this class and serve both steps.
 */
public abstract class VerifyStepBase extends Step implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int DEFAULT_ROLLBACK_TIMEOUT_MINUTES = 10;

    private String lb;
    private String pool;
    private String config;
    private String expect;
    private String identify;
    private int requests;
    private int rate;
    private String healthPath;
    private String haproxySocket;
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

    public String getHealthPath() {
        return healthPath;
    }

    @DataBoundSetter
    public void setHealthPath(String healthPath) {
        this.healthPath = Util.fixEmptyAndTrim(healthPath);
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

    /** The options as the agent-side verification needs them. */
    VerifyOptions options() {
        VerifyOptions request = new VerifyOptions();
        request.lb = lb;
        request.pool = pool;
        request.config = config;
        request.expect = expect;
        request.identify = identify;
        request.requests = requests;
        request.rate = rate;
        request.healthPath = healthPath;
        request.haproxySocket = haproxySocket;
        request.junit = junit;
        return request;
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
        return null;
    }
}
