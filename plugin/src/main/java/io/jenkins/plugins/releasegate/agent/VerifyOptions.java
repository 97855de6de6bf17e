package io.jenkins.plugins.releasegate.agent;

import java.io.Serializable;

/**
 * The options of one verification, as the step received them. Plain and serializable: it travels to the agent.
 * Null or zero means "the engine's default".
 */
public final class VerifyOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public String lb;
    public String pool;
    /** The policy ({@code .releasegate.yml}: the pool from the repository at HEAD) or one LB config file. */
    public String config;
    public String expect;
    public String identify;
    public int requests;
    /** Requests per second at most; 0: the engine's default (50). */
    public int rate;
    public String healthPath;
    public String haproxySocket;
    /** Workspace-relative path of the JUnit XML to write, or null. */
    public String junit;

    /** What the verification is checked against, for the build log. */
    public String describe() {
        return expect != null ? expect : "pool " + pool;
    }
}
