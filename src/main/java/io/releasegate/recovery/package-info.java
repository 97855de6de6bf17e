/**
 * After a deploy, the one recovery engine of {@code release-gate run} and the Jenkins steps: verify the pool; on
 * anything but PASS page the escalation chain at once, roll back, verify again, then resolve the page or escalate to
 * a critical trigger. The verifier, the rollback, the pager and the log are ports that the CLI and the plugin fill.
 */
package io.releasegate.recovery;
