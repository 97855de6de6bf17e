/**
 * What the build and job pages show, typed and already in words for people: numbers without exponents, lists
 * without brackets, short digests, badges in the design library's colours. Built once from the engine's results,
 * kept in their own files next to {@code build.xml}, read by Jelly through typed getters. Needs no running Jenkins
 * (only Stapler's export annotations, for the REST API).
 */
package io.jenkins.plugins.releasegate.view;
