/** The full gate outside Jenkins: diff and policy, sign-off, deploy, verify, rollback, re-verify and paging, timed. */
package io.releasegate.gate;
