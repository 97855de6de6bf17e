/** Live drift: compares the live HAProxy state ({@code live}) with the pool that git declares. */
package io.releasegate.verify.drift;
