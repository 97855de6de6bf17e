/**
 * What the plugin runs on the agent, free of Jenkins types: one verification from the step's spec, where the
 * declared pool and its holds are found, and the typed reply (the result, the holds in force, the log lines) that
 * crosses the remoting channel.
 */
package io.jenkins.plugins.releasegate.agent;
