/** The picocli commands of the release-gate command-line tool. */
package io.releasegate.cli;
