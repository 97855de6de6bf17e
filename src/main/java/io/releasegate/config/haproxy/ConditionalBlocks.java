package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import java.util.function.IntSupplier;

/** The {@code .if/.elif/.else/.endif} nesting of {@code readcfgfile()}: which lines are taken, which are skipped. */
final class ConditionalBlocks {
    /** HAProxy's {@code MAXNESTEDCONDS}. */
    static final int MAX_NESTED = 128;

    private enum State { IF_TAKE, IF_DROP, IF_SKIP, ELIF_TAKE, ELIF_DROP, ELIF_SKIP, ELSE_TAKE, ELSE_DROP }

    private final String path;
    private final State[] states = new State[MAX_NESTED + 1];
    private int level;

    ConditionalBlocks(String path) {
        this.path = path;
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
        return level > 0 && !taking(states[level]);
    }

    /** Fails when a block is still open at the end of the file. */
    void finish(IntSupplier lastLine) throws ConfigParseException {
        if (level > 0) {
            throw new ConfigParseException(path, lastLine.getAsInt(), 0, "non-terminated '.if' block");
        }
    }

    private static boolean taking(State state) {
        return state == State.IF_TAKE || state == State.ELIF_TAKE || state == State.ELSE_TAKE;
    }

    private void openIf(HaproxyLine line) throws ConfigParseException {
        level++;
        if (level >= MAX_NESTED) {
            throw error(line, "too many nested '.if', max is " + MAX_NESTED);
        }
        if (level > 1 && !taking(states[level - 1])) {
            states[level] = State.IF_SKIP;
            return;
        }
        states[level] = evaluate(line) ? State.IF_TAKE : State.IF_DROP;
    }

    private void elif(HaproxyLine line) throws ConfigParseException {
        if (level == 0) {
            throw error(line, "lone '.elif' with no matching '.if'");
        }
        State state = states[level];
        if (state == State.ELSE_TAKE || state == State.ELSE_DROP) {
            throw error(line, "'.elif' after '.else' is not permitted");
        }
        if (state == State.IF_TAKE || state == State.IF_SKIP || state == State.ELIF_TAKE
                || state == State.ELIF_SKIP) {
            states[level] = State.ELIF_SKIP;
            return;
        }
        states[level] = evaluate(line) ? State.ELIF_TAKE : State.ELIF_DROP;
    }

    private void orElse(HaproxyLine line) throws ConfigParseException {
        noArgument(line);
        if (level == 0) {
            throw error(line, "lone '.else' with no matching '.if'");
        }
        State state = states[level];
        if (state == State.ELSE_TAKE || state == State.ELSE_DROP) {
            throw error(line, "'.else' after '.else' is not permitted");
        }
        states[level] = state == State.IF_TAKE || state == State.IF_SKIP || state == State.ELIF_TAKE
                || state == State.ELIF_SKIP ? State.ELSE_DROP : State.ELSE_TAKE;
    }

    private void endif(HaproxyLine line) throws ConfigParseException {
        noArgument(line);
        if (level == 0) {
            throw error(line, "lone '.endif' with no matching '.if'");
        }
        level--;
    }

    private void noArgument(HaproxyLine line) throws ConfigParseException {
        if (!line.word(1).isEmpty()) {
            throw new ConfigParseException(path, line.number(), line.column(1),
                    "unexpected argument '" + line.word(1) + "' for '" + line.word(0) + "'");
        }
    }

    private boolean evaluate(HaproxyLine line) throws ConfigParseException {
        StringBuilder expression = new StringBuilder();
        for (int i = 1; i < line.size(); i++) {
            if (i > 1) {
                expression.append(' ');
            }
            expression.append(line.word(i));
        }
        return HaproxyCondition.evaluate(path, line.number(), line.column(1), expression.toString().strip());
    }

    private ConfigParseException error(HaproxyLine line, String reason) {
        return new ConfigParseException(path, line.number(), line.column(0), reason);
    }
}
