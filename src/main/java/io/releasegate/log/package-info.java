/** The log sink through which the engine reports progress as data, for the CLI and the Jenkins build log. */
package io.releasegate.log;
