package io.releasegate.config.nginx;

import java.util.List;

/** Canonical text of nginx statements: words joined by one space, quoted only where a word needs it. */
final class NginxText {
    private NginxText() {
    }

    static String canonical(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quote(word));
        }
        return out.toString();
    }

    static String quote(String word) {
        if (!needsQuotes(word)) {
            return word;
        }
        StringBuilder out = new StringBuilder(word.length() + 2).append('"');
        for (int i = 0; i < word.length(); i++) {
            char ch = word.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.append('"').toString();
    }

    private static boolean needsQuotes(String word) {
        if (word.isEmpty()) {
            return true;
        }
        for (int i = 0; i < word.length(); i++) {
            char ch = word.charAt(i);
            if (Character.isWhitespace(ch) || ";{}\"'#\\".indexOf(ch) >= 0) {
                return true;
            }
        }
        return false;
    }
}
