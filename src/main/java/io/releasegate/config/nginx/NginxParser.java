package io.releasegate.config.nginx;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.ConfigParser;
import io.releasegate.config.Directive;
import io.releasegate.config.Pool;
import io.releasegate.config.SourceResolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an nginx configuration (with its includes) into the pool model: every {@code upstream} block in
 * {@code http} becomes a pool named like the upstream, every one in {@code stream} a pool named
 * {@code stream:NAME}; every other statement becomes a {@link Directive} with its scope ({@code main},
 * {@code http}, {@code http > server example.org:80 > location /api}, {@code upstream app}, ...). The grammar and the
 * upstream rules are nginx 1.22's; see {@code docs/formats/nginx.md}. Stateless and thread-safe.
 */
public final class NginxParser implements ConfigParser {

    @Override
    public ConfigFormat format() {
        return ConfigFormat.NGINX;
    }

    @Override
    public ConfigFile parse(String path, String content, SourceResolver resolver) throws ConfigParseException {
        String file = path == null ? "<nginx>" : path;
        try {
            NginxTreeReader reader = new NginxTreeReader(file, resolver);
            List<NginxStatement> tree = reader.readTopLevel(file, content);
            NginxWalk walk = new NginxWalk();
            walk.top(tree, isHttpFragment(tree));
            return new ConfigFile(file, ConfigFormat.NGINX, walk.pools(), walk.directives(),
                    reader.includedFiles(), walk.routes(), walk.notes());
        } catch (StackOverflowError | RuntimeException e) {
            throw new ConfigParseException(file, 0, 0, "cannot read this nginx configuration: " + e);
        }
    }

    /**
     * A file that holds only {@code upstream} and {@code server} blocks (and no {@code events}, {@code http} or
     * {@code stream} block) is an {@code http} fragment meant to be included, such as {@code conf.d/api.conf}; it is
     * read in the {@code http} context, so that a change to it can be diffed on its own.
     */
    static boolean isHttpFragment(List<NginxStatement> tree) {
        boolean blocks = false;
        for (NginxStatement statement : tree) {
            String name = statement.name();
            if ("events".equals(name) || "http".equals(name) || "stream".equals(name)) {
                return false;
            }
            blocks |= statement.isBlock() && ("upstream".equals(name) || "server".equals(name));
        }
        return blocks;
    }

    /** {@code server NAME:PORT} from the first {@code server_name} and the first {@code listen} of the block. */
    static String serverLabel(NginxStatement block, boolean http) {
        String host = "";
        String port = null;
        for (NginxStatement statement : block.children()) {
            if (http && host.isEmpty() && "server_name".equals(statement.name()) && !statement.args().isEmpty()) {
                host = statement.args().get(0);
            }
            if (port == null && "listen".equals(statement.name()) && !statement.args().isEmpty()) {
                port = listenPort(statement.args().get(0));
            }
        }
        return "server " + host + ":" + (port == null ? (http ? "80" : "") : port);
    }

    private static String listenPort(String listen) {
        if (listen.startsWith("unix:")) {
            return listen;
        }
        int colon = listen.lastIndexOf(':');
        int bracket = listen.lastIndexOf(']');
        if (colon > bracket) {
            return listen.substring(colon + 1);
        }
        return listen.chars().allMatch(Character::isDigit) ? listen : "80";
    }

    /** The upstream name in a {@code proxy_pass} target: {@code http://app/x} and {@code app} give {@code app}. */
    static String upstreamOf(String target) {
        String rest = target;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int end = rest.length();
        for (char stop : new char[] {'/', ':', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return rest.substring(0, end);
    }

    static String label(NginxStatement block) {
        return NginxText.canonical(block.words());
    }

    static Directive blockHeader(NginxStatement block, String where) {
        return new Directive(where, label(block) + " {...}", block.line());
    }

    /** Adds a statement outside the pool model, recursing into a block. */
    static void addGeneric(NginxStatement statement, String scope, List<Directive> into) {
        if (!statement.isBlock()) {
            into.add(new Directive(scope, NginxText.canonical(statement.words()), statement.line()));
            return;
        }
        into.add(blockHeader(statement, scope));
        String inner = scope + " > " + label(statement);
        for (NginxStatement child : statement.children()) {
            addGeneric(child, inner, into);
        }
    }

    static void requireSimple(NginxStatement statement) throws ConfigParseException {
        if (statement.isBlock()) {
            throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                    "directive \"" + statement.name() + "\" is not terminated by \";\"");
        }
    }

    static ConfigParseException notAllowed(NginxStatement statement) {
        return new ConfigParseException(statement.file(), statement.line(), statement.column(),
                "\"" + statement.name() + "\" directive is not allowed here");
    }

    static ConfigParseException argumentCount(NginxStatement statement) {
        return new ConfigParseException(statement.file(), statement.line(), statement.column(),
                "invalid number of arguments in \"" + statement.name() + "\" directive");
    }
}
