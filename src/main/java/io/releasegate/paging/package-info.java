/** Paging the escalation chain: pages, pagers, secrets, retries and the write-ahead outbox, so no page is lost. */
package io.releasegate.paging;
