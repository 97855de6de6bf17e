package io.releasegate.report;

import java.util.regex.Pattern;

/** Words for POSIX {@code sh} command lines that people copy from a report: quoted so that the shell expands nothing. */
final class Shell {
    /** Characters no shell gives a meaning to in the middle of an argument. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private Shell() {
    }

    /**
     * {@code value} as one shell word: unchanged when it holds only plain characters, else in single quotes (inside
     * which sh expands nothing: no {@code $(...)}, backticks, globs or newlines end the word), each single quote
     * written as {@code '\''}.
     */
    static String quote(String value) {
        if (!value.isEmpty() && PLAIN.matcher(value).matches() && !value.startsWith("=")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * A fenced Markdown code block of {@code content}: the fence is longer than any run of backticks in it, so no
     * line of the content can close the block early (CommonMark).
     */
    static String codeBlock(String language, String content) {
        int longest = 0;
        int run = 0;
        for (char c : content.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + content + (content.endsWith("\n") ? "" : "\n") + fence + "\n";
    }
}
