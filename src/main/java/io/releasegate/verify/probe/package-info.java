/**
 * Sending real HTTP requests through the load balancer: the probe port, its HTTP/1.1 client and the run's one rate
 * budget.
 */
package io.releasegate.verify.probe;
