package io.releasegate.verify.drift;

/**
 * Parses the answer of the runtime API command {@code show servers state [<backend>]}: a version line ({@code 1}),
 * a header line {@code # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight ...}, then
 * one space-separated line per server. Columns are found by their header name, so extra or reordered columns are
 * fine.
 */
public final class ServersStateParser {
    private ServersStateParser() {
    }

    /**
     * The servers of {@code backend} in {@code output}.
     *
     * @param source where the text came from, in words, kept in {@link LiveBackend#source()}
     * @throws LiveStateException when the text has no header line, lacks a required column or has a malformed row
     */
    public static LiveBackend parse(String output, String backend, String source) throws LiveStateException {
        throw new UnsupportedOperationException("implemented in the next commit");
    }
}
