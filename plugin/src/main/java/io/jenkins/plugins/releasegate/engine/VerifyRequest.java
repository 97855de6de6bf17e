package io.jenkins.plugins.releasegate.engine;

import java.io.Serializable;

/**
 * The options of one verification, as the step received them. Plain and serializable: it travels to the agent.
 * Null or zero means "the engine's default".
 */
public final class VerifyRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    public String lb;
    public String pool;
    public String config;
    public String expect;
    public String identify;
    public int requests;
    public int rate;
    public String healthPath;
    public String haproxySocket;
    /** Workspace-relative path of the JUnit XML to write, or null. */
    public String junit;
}
