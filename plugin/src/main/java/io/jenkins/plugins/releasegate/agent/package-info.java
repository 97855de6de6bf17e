/**
 * The plugin's agent-side use of the engine's Java APIs, free of Jenkins types: one verification from the step's
 * options, the engine's log as data to replay into the build log, and the engine's JSON as plain maps.
 */
package io.jenkins.plugins.releasegate.agent;
