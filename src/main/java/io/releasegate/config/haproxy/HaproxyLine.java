package io.releasegate.config.haproxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The words of one logical HAProxy configuration line (HAProxy has no line continuation), held as two arrays so that
 * a file of a million lines does not make a million lists of word objects.
 */
public final class HaproxyLine {
    private static final String[] NO_WORDS = new String[0];
    private static final int[] NO_COLUMNS = new int[0];

    private final int number;
    private final String[] words;
    private final int[] columns;
    private final int size;
    private final String scope;

    /**
     * @param number 1-based line number
     * @param tokens the words, never empty for a line that carries a statement
     * @param scope  for a {@code [name]} scope line, the scope name; otherwise {@code null}
     */
    public HaproxyLine(int number, List<HaproxyToken> tokens, String scope) {
        this.number = number;
        this.size = tokens.size();
        this.words = new String[size];
        this.columns = new int[size];
        for (int i = 0; i < size; i++) {
            words[i] = tokens.get(i).text();
            columns[i] = tokens.get(i).column();
        }
        this.scope = scope;
    }

    /** The tokenizer's own arrays, not copied: nobody else holds them. */
    HaproxyLine(int number, String[] words, int[] columns, int size) {
        this.number = number;
        this.words = size == 0 ? NO_WORDS : words;
        this.columns = size == 0 ? NO_COLUMNS : columns;
        this.size = size;
        this.scope = null;
    }

    /** 1-based line number. */
    public int number() {
        return number;
    }

    /** The words with their columns. */
    public List<HaproxyToken> tokens() {
        List<HaproxyToken> tokens = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            tokens.add(new HaproxyToken(words[i], columns[i]));
        }
        return List.copyOf(tokens);
    }

    /** For a {@code [name]} scope line, the scope name; otherwise {@code null}. */
    public String scope() {
        return scope;
    }

    /** Whether the line carries nothing: blank, a comment, or a first word that is empty. */
    boolean empty() {
        return size == 0 && scope == null;
    }

    public String word(int index) {
        return index < size ? words[index] : "";
    }

    public int column(int index) {
        if (size == 0) {
            return 1;
        }
        return columns[Math.min(index, size - 1)];
    }

    public int size() {
        return size;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HaproxyLine line && line.number == number && line.size == size
                && Objects.equals(line.scope, scope) && Arrays.equals(line.words, 0, size, words, 0, size)
                && Arrays.equals(line.columns, 0, size, columns, 0, size);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, scope, Arrays.hashCode(Arrays.copyOf(words, size)));
    }

    @Override
    public String toString() {
        return "HaproxyLine[number=" + number + ", tokens=" + tokens() + ", scope=" + scope + "]";
    }
}
