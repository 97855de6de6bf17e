/**
 * Sign-off: the rules that decide whether a set of decisions releases a change, the approvals file, and the check of
 * the decisions' SSH signatures against allowed signers (the cryptography itself lives in {@code signoff.sshsig}).
 */
package io.releasegate.signoff;
