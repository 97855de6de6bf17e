/**
 * Live drift: reads the live HAProxy state (runtime API socket or stats CSV), compares it with the pool that git
 * declares, and restores the declared state over the runtime API.
 */
package io.releasegate.verify.drift;
