/** The pool model and the HAProxy, nginx and pool-file parsers that read load-balancer configuration into it. */
package io.releasegate.config;
