/**
 * Reading configuration of any format: the parser for each format, local files with their includes, and the bounded
 * reading of the local text files an operator names.
 */
package io.releasegate.config.read;
