/** Test harness: real HAProxy, nginx and HTTP backends on loopback, stopped by their process handles. */
package io.releasegate.testing;
