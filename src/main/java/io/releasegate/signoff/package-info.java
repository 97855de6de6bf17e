/** Sign-off rules and the approval ledger that decide whether a set of approvals releases a change. */
package io.releasegate.signoff;
