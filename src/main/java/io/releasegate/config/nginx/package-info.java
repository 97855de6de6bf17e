/** The nginx configuration tokenizer and parser that read {@code upstream} blocks into the pool model. */
package io.releasegate.config.nginx;
