/** The sequential goodness-of-fit test of observed traffic against declared weights, with its sample plan. */
package io.releasegate.verify.stats;
