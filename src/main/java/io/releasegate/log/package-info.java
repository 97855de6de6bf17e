/**
 * The engine's log as data: messages through a {@link io.releasegate.log.LogSink} (printed by the CLI, replayed into
 * the Jenkins build log) and the timed steps of a run ({@link io.releasegate.log.Timeline}).
 */
package io.releasegate.log;
