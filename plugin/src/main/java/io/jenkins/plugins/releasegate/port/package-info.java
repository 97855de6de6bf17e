/**
 * The engine's ports filled with Jenkins: the verifier and the rollback that run on the build's agent (through file
 * callables, in a workspace they create first), the diff on the agent, and the log into the build listener.
 */
package io.jenkins.plugins.releasegate.port;
