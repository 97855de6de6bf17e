package io.releasegate.config.nginx;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.SourceResolver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads statements and blocks from tokens the way nginx's {@code ngx_conf_parse()} does, and expands
 * {@code include} in place: paths relative to the directory of the top-level file (nginx's conf prefix), globs with
 * {@code *}, {@code ?} or {@code [} through {@link SourceResolver#glob}, a missing non-glob include is an error, an
 * empty glob is not. Include cycles, include nesting deeper than {@value #MAX_INCLUDE_DEPTH}, block nesting deeper
 * than {@value #MAX_BLOCK_DEPTH} and more than {@value #MAX_STATEMENTS} statements are errors, so no input can make
 * it hang or exhaust memory. One instance reads one top-level file.
 */
final class NginxTreeReader {
    static final int MAX_INCLUDE_DEPTH = 20;
    static final int MAX_BLOCK_DEPTH = 64;
    static final int MAX_STATEMENTS = 500_000;
    static final int MAX_INCLUDED_FILES = 2_000;

    private final SourceResolver resolver;
    private final String prefix;
    private final Deque<String> includeStack = new ArrayDeque<>();
    private final Set<String> included = new LinkedHashSet<>();
    private int statements;
    private int filesRead;

    NginxTreeReader(String topLevelPath, SourceResolver resolver) {
        this.resolver = resolver == null ? SourceResolver.NONE : resolver;
        String normalized = NginxPaths.normalize(topLevelPath);
        int slash = normalized.lastIndexOf('/');
        this.prefix = slash < 0 ? "" : normalized.substring(0, slash + 1);
    }

    /** The included files in the order they were first read, normalized. */
    List<String> includedFiles() {
        return List.copyOf(included);
    }

    List<NginxStatement> readTopLevel(String path, String content) throws ConfigParseException {
        includeStack.push(NginxPaths.normalize(path));
        try {
            return readFile(path, content);
        } finally {
            includeStack.pop();
        }
    }

    private List<NginxStatement> readFile(String path, String content) throws ConfigParseException {
        NginxTokenizer tokens = new NginxTokenizer(path, content);
        List<NginxStatement> result = new ArrayList<>();
        NginxToken end = readBlock(path, tokens, result, 0);
        if (end.type() == NginxToken.Type.CLOSE_BRACE) {
            throw new ConfigParseException(path, end.line(), end.column(), "unexpected \"}\"");
        }
        return result;
    }

    /** Reads statements into {@code into} until a closing brace or the end; returns that token. */
    private NginxToken readBlock(String path, NginxTokenizer tokens, List<NginxStatement> into, int depth)
            throws ConfigParseException {
        while (true) {
            NginxToken first = tokens.next();
            switch (first.type()) {
                case END:
                case CLOSE_BRACE:
                    return first;
                case SEMICOLON:
                case OPEN_BRACE:
                    throw new ConfigParseException(path, first.line(), first.column(),
                            "unexpected \"" + first.text() + "\"");
                default:
                    readStatement(path, tokens, first, into, depth);
            }
        }
    }

    private void readStatement(String path, NginxTokenizer tokens, NginxToken first, List<NginxStatement> into,
            int depth) throws ConfigParseException {
        if (++statements > MAX_STATEMENTS) {
            throw new ConfigParseException(path, first.line(), first.column(),
                    "configuration too large: more than " + MAX_STATEMENTS + " statements");
        }
        List<String> words = new ArrayList<>();
        words.add(first.text());
        while (true) {
            NginxToken token = tokens.next();
            switch (token.type()) {
                case WORD -> words.add(token.text());
                case SEMICOLON -> {
                    NginxStatement statement = new NginxStatement(path, first.line(), first.column(), words, null,
                            token.line(), token.column());
                    if ("include".equals(first.text())) {
                        include(statement, into, depth);
                    }
                    into.add(statement);
                    return;
                }
                case OPEN_BRACE -> {
                    if (depth + 1 > MAX_BLOCK_DEPTH) {
                        throw new ConfigParseException(path, token.line(), token.column(),
                                "blocks nested deeper than " + MAX_BLOCK_DEPTH + " levels");
                    }
                    List<NginxStatement> children = new ArrayList<>();
                    NginxToken close = readBlock(path, tokens, children, depth + 1);
                    if (close.type() == NginxToken.Type.END) {
                        throw new ConfigParseException(path, close.line(), close.column(),
                                "unexpected end of file, expecting \"}\"");
                    }
                    into.add(new NginxStatement(path, first.line(), first.column(), words, children, close.line(),
                            close.column()));
                    return;
                }
                case CLOSE_BRACE -> throw new ConfigParseException(path, token.line(), token.column(),
                        "unexpected \"}\"");
                default -> throw new ConfigParseException(path, token.line(), token.column(),
                        "unexpected end of file, expecting \";\" or \"}\"");
            }
        }
    }

    /** Expands an include: its statements go before the include statement itself, in the same block. */
    private void include(NginxStatement statement, List<NginxStatement> into, int depth) throws ConfigParseException {
        if (statement.words().size() != 2) {
            throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                    "invalid number of arguments in \"include\" directive");
        }
        String target = NginxPaths.resolve(prefix, statement.words().get(1));
        if (NginxPaths.isGlob(target)) {
            for (String match : resolver.glob(target)) {
                includeFile(statement, NginxPaths.normalize(match), into, depth);
            }
            return;
        }
        includeFile(statement, target, into, depth);
    }

    private void includeFile(NginxStatement statement, String target, List<NginxStatement> into, int depth)
            throws ConfigParseException {
        if (includeStack.contains(target)) {
            List<String> chain = new ArrayList<>(includeStack);
            java.util.Collections.reverse(chain);
            chain.add(target);
            throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                    "include cycle: " + String.join(" -> ", chain));
        }
        if (includeStack.size() > MAX_INCLUDE_DEPTH) {
            throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                    "includes nested deeper than " + MAX_INCLUDE_DEPTH + " levels");
        }
        if (++filesRead > MAX_INCLUDED_FILES) {
            throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                    "more than " + MAX_INCLUDED_FILES + " included files");
        }
        Optional<String> content = readQuietly(target);
        if (content.isEmpty()) {
            throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                    "open() \"" + target + "\" failed: included file not found");
        }
        included.add(target);
        includeStack.push(target);
        try {
            NginxTokenizer tokens = new NginxTokenizer(target, content.get());
            NginxToken end = readBlock(target, tokens, into, depth);
            if (end.type() == NginxToken.Type.CLOSE_BRACE) {
                throw new ConfigParseException(target, end.line(), end.column(), "unexpected \"}\"");
            }
        } finally {
            includeStack.pop();
        }
    }

    private Optional<String> readQuietly(String target) {
        try {
            Optional<String> content = resolver.read(target);
            return content == null ? Optional.empty() : content;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
