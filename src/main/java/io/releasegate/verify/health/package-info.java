/** Backend health: probes each server's own health URL directly and classifies status, latency and body. */
package io.releasegate.verify.health;
