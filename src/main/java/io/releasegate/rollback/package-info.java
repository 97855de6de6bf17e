/** Rollback actions: a shell command, or HAProxy's runtime API back to the declared pool; each with its outcome. */
package io.releasegate.rollback;
