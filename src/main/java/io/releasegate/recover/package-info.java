/** Rollback actions and paging of the escalation chain, with retries and an outbox so no page is lost. */
package io.releasegate.recover;
