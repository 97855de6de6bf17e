/** One classified check (PASS, FAIL, NO_DATA, ERROR, INCONCLUSIVE with its reason in words): the classification step of a verdict. */
package io.releasegate.verify.check;
