/**
 * The nginx configuration tokenizer and parser that read {@code upstream} blocks and {@code *_pass} routes into the
 * model.
 */
package io.releasegate.config.nginx;
