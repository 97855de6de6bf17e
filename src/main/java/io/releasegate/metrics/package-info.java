/**
 * The metrics of {@code release-gate watch} for Prometheus, through the Prometheus Java client library: per backend
 * share, health, latency, live state and drift; per hold the seconds to its end; per pool the verdict.
 */
package io.releasegate.metrics;
