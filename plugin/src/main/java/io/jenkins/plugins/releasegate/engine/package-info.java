/**
 * The plugin's only contact with the engine's diff, verify and page commands: their CLI contract (arguments, JSON
 * output, exit codes). When the engine's Java APIs for these land, only {@link EngineCli} changes.
 */
package io.jenkins.plugins.releasegate.engine;
