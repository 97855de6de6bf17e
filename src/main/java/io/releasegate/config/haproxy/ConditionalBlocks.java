package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.haproxy.HaproxyCondition.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The {@code .if/.elif/.else/.endif} nesting of {@code readcfgfile()}: which lines are taken, which are skipped, and
 * which are taken only under a condition that cannot be evaluated offline ({@link HaproxyCondition.Value#UNKNOWN}).
 * Every branch of such a block is read, and its lines are <i>conditional</i>: {@link #condition()} says on what, in
 * words. A branch after a branch that is surely taken is skipped, as HAProxy skips it.
 */
final class ConditionalBlocks {
    /** HAProxy's {@code MAXNESTEDCONDS}. */
    static final int MAX_NESTED = 128;

    /** What happens to the lines of the current branch of one level. */
    private enum Mode { TAKE, DROP, CONDITIONAL, SKIP }

    /** Whether an earlier branch of the level was taken. */
    private enum Taken { NO, MAYBE, YES }

    private final String path;
    private final Mode[] modes = new Mode[MAX_NESTED + 1];
    private final Taken[] taken = new Taken[MAX_NESTED + 1];
    private final boolean[] afterElse = new boolean[MAX_NESTED + 1];
    /** Per level, the unknown conditions of the earlier branches, and the words of the current branch's condition. */
    private final List<List<String>> unknownBefore = new ArrayList<>();
    private final String[] described = new String[MAX_NESTED + 1];
    /** Per level, the current branch's own expression when it could not be evaluated. */
    private final String[] ownUnknown = new String[MAX_NESTED + 1];
    private int level;

    ConditionalBlocks(String path) {
        this.path = path;
        for (int i = 0; i <= MAX_NESTED; i++) {
            unknownBefore.add(new ArrayList<>());
        }
    }

    /**
     * Handles a conditional line; returns false when the line is not one.
     */
    boolean handle(HaproxyLine line) throws ConfigParseException {
        String word = line.word(0);
        switch (word) {
            case ".if" -> openIf(line);
            case ".elif" -> elif(line);
            case ".else" -> orElse(line);
            case ".endif" -> endif(line);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether lines at this point are masked out by a condition. */
    boolean skipping() {
        if (level == 0) {
            return false;
        }
        for (int i = 1; i <= level; i++) {
            if (modes[i] == Mode.DROP || modes[i] == Mode.SKIP) {
                return true;
            }
        }
        return false;
    }

    /**
     * The condition the lines at this point depend on, in words ({@code openssl_version_before(1.1.1)},
     * {@code not defined(TLS)}), or empty when they do not depend on one that cannot be evaluated offline.
     */
    String condition() {
        if (level == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= level; i++) {
            if (modes[i] == Mode.CONDITIONAL) {
                if (text.length() > 0) {
                    text.append(" and ");
                }
                text.append(described[i]);
            }
        }
        return text.toString();
    }

    /** Fails when a block is still open at the end of the file. */
    void finish(IntSupplier lastLine) throws ConfigParseException {
        if (level > 0) {
            throw new ConfigParseException(path, lastLine.getAsInt(), 0, "non-terminated '.if' block");
        }
    }

    private boolean parentTaking() {
        return level <= 1 || !skippingBelow(level);
    }

    private boolean skippingBelow(int upTo) {
        for (int i = 1; i < upTo; i++) {
            if (modes[i] == Mode.DROP || modes[i] == Mode.SKIP) {
                return true;
            }
        }
        return false;
    }

    private void openIf(HaproxyLine line) throws ConfigParseException {
        level++;
        if (level >= MAX_NESTED) {
            throw error(line, "too many nested '.if', max is " + MAX_NESTED);
        }
        afterElse[level] = false;
        ownUnknown[level] = null;
        unknownBefore.get(level).clear();
        if (!parentTaking()) {
            modes[level] = Mode.SKIP;
            return;
        }
        String expression = expression(line);
        Value value = evaluate(line, expression);
        branch(value, expression, Taken.NO);
    }

    private void elif(HaproxyLine line) throws ConfigParseException {
        if (nextBranch(line, ".elif")) {
            String expression = expression(line);
            branch(evaluate(line, expression), expression, taken[level]);
        }
    }

    private void orElse(HaproxyLine line) throws ConfigParseException {
        noArgument(line);
        if (nextBranch(line, ".else")) {
            branch(Value.TRUE, "", taken[level]);
        }
        afterElse[level] = true;
    }

    /**
     * Checks an {@code .elif} or {@code .else} against the block it continues; returns whether its own condition is
     * to be evaluated (false inside a skipped block, as HAProxy does, and after a branch surely taken).
     */
    private boolean nextBranch(HaproxyLine line, String word) throws ConfigParseException {
        if (level == 0) {
            throw error(line, "lone '" + word + "' with no matching '.if'");
        }
        if (afterElse[level]) {
            throw error(line, "'" + word + "' after '.else' is not permitted");
        }
        if (modes[level] == Mode.SKIP) {
            return false;
        }
        if (taken[level] == Taken.YES) {
            modes[level] = Mode.DROP;
            return false;
        }
        rememberUnknown();
        return true;
    }

    private void endif(HaproxyLine line) throws ConfigParseException {
        noArgument(line);
        if (level == 0) {
            throw error(line, "lone '.endif' with no matching '.if'");
        }
        level--;
    }

    /** Enters a branch whose own condition has {@code value}, after earlier branches that were {@code before}. */
    private void branch(Value value, String expression, Taken before) {
        ownUnknown[level] = value == Value.UNKNOWN ? expression : null;
        if (value == Value.FALSE) {
            modes[level] = Mode.DROP;
            taken[level] = before;
            return;
        }
        List<String> parts = new ArrayList<>();
        for (String unknown : unknownBefore.get(level)) {
            parts.add("not " + grouped(unknown));
        }
        if (value == Value.UNKNOWN) {
            parts.add(grouped(expression));
        }
        if (parts.isEmpty()) {
            modes[level] = Mode.TAKE;
            taken[level] = Taken.YES;
            return;
        }
        modes[level] = Mode.CONDITIONAL;
        described[level] = String.join(" and ", parts);
        taken[level] = value == Value.TRUE ? Taken.YES : Taken.MAYBE;
    }

    /** Before the next branch: the current one's unknown condition is one the next depends on not holding. */
    private void rememberUnknown() {
        if (ownUnknown[level] != null) {
            unknownBefore.get(level).add(ownUnknown[level]);
        }
        ownUnknown[level] = null;
    }

    private static String grouped(String expression) {
        return expression.contains(" ") ? "(" + expression + ")" : expression;
    }

    private static String expression(HaproxyLine line) {
        StringBuilder expression = new StringBuilder();
        for (int i = 1; i < line.size(); i++) {
            if (i > 1) {
                expression.append(' ');
            }
            expression.append(line.word(i));
        }
        return expression.toString().strip();
    }

    private Value evaluate(HaproxyLine line, String expression) throws ConfigParseException {
        return HaproxyCondition.evaluate(path, line.number(), line.column(1), expression);
    }

    private void noArgument(HaproxyLine line) throws ConfigParseException {
        if (!line.word(1).isEmpty()) {
            throw new ConfigParseException(path, line.number(), line.column(1),
                    "unexpected argument '" + line.word(1) + "' for '" + line.word(0) + "'");
        }
    }

    private ConfigParseException error(HaproxyLine line, String reason) {
        return new ConfigParseException(path, line.number(), line.column(0), reason);
    }
}
