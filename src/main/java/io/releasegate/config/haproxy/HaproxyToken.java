package io.releasegate.config.haproxy;

/**
 * One word of an HAProxy configuration line after unquoting and unescaping.
 *
 * @param text   the word as HAProxy sees it (quotes removed, escapes resolved, {@code ${VAR}} kept literally)
 * @param column 1-based column of the word's first character in the raw line
 */
public record HaproxyToken(String text, int column) {
}
