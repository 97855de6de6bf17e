/**
 * What the plugin runs on the agent, free of Jenkins types: one verification from the step's spec, where the
 * declared pool is found, and the typed reply (result and log lines) that crosses the remoting channel.
 */
package io.jenkins.plugins.releasegate.agent;
