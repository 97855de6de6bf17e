/** The HAProxy 2.6 configuration tokenizer and parser that read {@code backend}/{@code listen} pools into the model. */
package io.releasegate.config.haproxy;
