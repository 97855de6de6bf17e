package io.releasegate.config.nginx;

/**
 * One token of an nginx configuration file.
 *
 * @param type   what the token is
 * @param text   the word with quotes removed and escapes applied; {@code ;}, {@code {}, {@code }} or empty at the end
 * @param quoted the word was written in {@code "} or {@code '} quotes
 * @param line   1-based line where the token starts
 * @param column 1-based column where the token starts
 */
public record NginxToken(Type type, String text, boolean quoted, int line, int column) {

    /** Token kinds: a word, a statement terminator, a block opener or closer, or the end of the file. */
    public enum Type {
        WORD, SEMICOLON, OPEN_BRACE, CLOSE_BRACE, END
    }
}
