/**
 * The HAProxy 2.6 configuration tokenizer and parser that read {@code backend}/{@code listen} pools and
 * {@code default_backend}/{@code use_backend} routes into the model.
 */
package io.releasegate.config.haproxy;
