/**
 * Holds: planned, owned exceptions that expire ("web/web-02 out until 18:00, alice, load test"), read from and
 * written to {@code .releasegate/holds.yml} with every error naming the file and line.
 */
package io.releasegate.hold;
