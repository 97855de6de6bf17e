/** The incident drill: real backends, a load balancer, a git repository and a PagerDuty endpoint on loopback. */
package io.releasegate.drill;
