/** Reading configuration of any format: the parser for each format, and local files with their includes. */
package io.releasegate.config.read;
