/** JSON, JUnit XML, Markdown and HTML renderings of diffs, verifications and gate runs. */
package io.releasegate.report;
