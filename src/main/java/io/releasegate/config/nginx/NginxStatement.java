package io.releasegate.config.nginx;

import java.util.List;

/**
 * One nginx statement after include expansion: a simple directive ({@code children == null}) or a block.
 *
 * @param file      the file the statement was read from
 * @param line      1-based line of its first word
 * @param column    1-based column of its first word
 * @param words     the name followed by the arguments, unquoted
 * @param children  the statements of the block, or {@code null} for a directive ended by {@code ;}
 * @param endLine   line of the {@code ;} or the block's closing brace
 * @param endColumn column of the {@code ;} or the block's closing brace
 */
public record NginxStatement(String file, int line, int column, List<String> words, List<NginxStatement> children,
        int endLine, int endColumn) {

    public NginxStatement {
        words = List.copyOf(words);
        children = children == null ? null : List.copyOf(children);
    }

    public String name() {
        return words.get(0);
    }

    public List<String> args() {
        return words.subList(1, words.size());
    }

    public boolean isBlock() {
        return children != null;
    }
}
