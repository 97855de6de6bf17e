/**
 * The Release Gate Pipeline steps, build and job pages, and global configuration: a thin Jenkins layer over the
 * engine's diff, sign-off rules, verification, rollback and paging.
 */
package io.jenkins.plugins.releasegate;
