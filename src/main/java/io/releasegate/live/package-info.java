/** The live state of a running HAProxy: its runtime API socket (read and set server state) and its stats page. */
package io.releasegate.live;
