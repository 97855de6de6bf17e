/** Release Gate's own YAML/JSON pool file, for pools defined outside HAProxy and nginx. */
package io.releasegate.config.poolfile;
