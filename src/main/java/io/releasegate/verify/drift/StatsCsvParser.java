package io.releasegate.verify.drift;

/**
 * Parses HAProxy's stats CSV ({@code show stat} on the runtime API, or {@code /stats;csv} on the stats page): a
 * header line {@code # pxname,svname,...} then one row per proxy and server. Columns are found by their header name
 * ({@code pxname}, {@code svname}, {@code status}, {@code weight}, optional {@code uweight}, {@code addr},
 * {@code check_status}, {@code check_code}), so extra and reordered columns are fine. The {@code FRONTEND} and
 * {@code BACKEND} rows are skipped.
 */
public final class StatsCsvParser {
    private StatsCsvParser() {
    }

    /**
     * The servers of {@code backend} in {@code csv}.
     *
     * @param source where the text came from, in words, kept in {@link LiveBackend#source()}
     * @throws LiveStateException when the text has no header line, lacks a required column or has a malformed row
     */
    public static LiveBackend parse(String csv, String backend, String source) throws LiveStateException {
        throw new UnsupportedOperationException("implemented in the next commit");
    }
}
