package io.releasegate.config.haproxy;

import java.util.List;

/**
 * The words of one logical HAProxy configuration line (HAProxy has no line continuation).
 *
 * @param number 1-based line number
 * @param tokens the words, never empty for a line that carries a statement
 * @param scope  for a {@code [name]} scope line, the scope name; otherwise {@code null}
 */
public record HaproxyLine(int number, List<HaproxyToken> tokens, String scope) {
    public HaproxyLine {
        tokens = tokens instanceof Words ? tokens : List.copyOf(tokens);
    }

    /** The words of a line as the tokenizer made them: an array nobody else holds, not copied again. */
    static final class Words extends java.util.AbstractList<HaproxyToken> implements java.util.RandomAccess {
        private final HaproxyToken[] words;
        private final int size;

        Words(HaproxyToken[] words, int size) {
            this.words = words;
            this.size = size;
        }

        @Override
        public HaproxyToken get(int index) {
            java.util.Objects.checkIndex(index, size);
            return words[index];
        }

        @Override
        public int size() {
            return size;
        }
    }

    public String word(int index) {
        return index < tokens.size() ? tokens.get(index).text() : "";
    }

    public int column(int index) {
        if (tokens.isEmpty()) {
            return 1;
        }
        return tokens.get(Math.min(index, tokens.size() - 1)).column();
    }

    public int size() {
        return tokens.size();
    }
}
