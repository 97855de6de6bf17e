/**
 * The gate between deploys: {@code release-gate watch} checks each pool every cycle (distribution, health, drift
 * against the repository's HEAD, holds), pages a cause after consecutive failing cycles and resolves it on recovery,
 * reminds and pages hold owners, and keeps working through an unreachable load balancer, a restarted HAProxy, a pager
 * that is down and a repository that cannot be read for a while.
 */
package io.releasegate.watch;
