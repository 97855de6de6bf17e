/** The JGit revision diff and the semantic pool diff that says in words what a change does. */
package io.releasegate.diff;
