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
    private static final Set<String> ANY_UPSTREAM_CHECKED = Set.of("main", "events", "http", "stream", "http server",
            "stream server", "location");

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
            Walk walk = new Walk();
            walk.block(tree, isHttpFragment(tree) ? Context.HTTP : Context.MAIN, "");
            return new ConfigFile(file, ConfigFormat.NGINX, walk.pools(), walk.directives, reader.includedFiles());
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

    /** Where a statement stands, as far as the rules checked here need to know. */
    private enum Context {
        MAIN("main"), EVENTS("events"), HTTP("http"), STREAM("stream"), HTTP_SERVER("http server"),
        STREAM_SERVER("stream server"), LOCATION("location"), OTHER("other");

        private final String id;

        Context(String id) {
            this.id = id;
        }
    }

    /** One pass over the statement tree. */
    private static final class Walk {
        private final List<Directive> directives = new ArrayList<>();
        private final Map<String, NginxUpstream> upstreams = new LinkedHashMap<>();
        private final Map<String, String> upstreamKeys = new HashMap<>();
        private final List<String> activeHealthChecked = new ArrayList<>();

        List<Pool> pools() {
            for (String name : activeHealthChecked) {
                NginxUpstream upstream = upstreams.get(name);
                if (upstream != null) {
                    upstream.markActiveHealthCheck();
                }
            }
            return upstreams.values().stream().map(NginxUpstream::toPool).toList();
        }

        void block(List<NginxStatement> statements, Context context, String scope) throws ConfigParseException {
            String proxyPass = null;
            for (NginxStatement statement : statements) {
                if ("proxy_pass".equals(statement.name()) && statement.args().size() == 1) {
                    proxyPass = statement.args().get(0);
                }
            }
            for (NginxStatement statement : statements) {
                statement(statement, context, scope, proxyPass);
            }
        }

        private void statement(NginxStatement statement, Context context, String scope, String proxyPass)
                throws ConfigParseException {
            String name = statement.name();
            String where = scope.isEmpty() ? "main" : scope;
            if ("include".equals(name)) {
                requireSimple(statement);
                directives.add(new Directive(where, NginxText.canonical(statement.words()), statement.line()));
            } else if ("upstream".equals(name) && (context == Context.HTTP || context == Context.STREAM)) {
                upstream(statement, context == Context.STREAM);
            } else if ("server".equals(name) && (context == Context.HTTP || context == Context.STREAM)) {
                virtualServer(statement, context, scope);
            } else if (("upstream".equals(name) || "server".equals(name) || NginxUpstream.BALANCERS.contains(name))
                    && ANY_UPSTREAM_CHECKED.contains(context.id)) {
                throw notAllowed(statement);
            } else if ("health_check".equals(name) && proxyPass != null) {
                activeHealthChecked.add(NginxUpstream.poolName(upstreamOf(proxyPass),
                        context == Context.STREAM_SERVER));
                addGeneric(statement, where, directives);
            } else if (statement.isBlock()) {
                directives.add(blockHeader(statement, where));
                block(statement.children(), childContext(name, context), child(scope, label(statement)));
            } else {
                directives.add(new Directive(where, NginxText.canonical(statement.words()), statement.line()));
            }
        }

        private void upstream(NginxStatement statement, boolean stream) throws ConfigParseException {
            if (!statement.isBlock()) {
                throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                        "directive \"upstream\" has no opening \"{\"");
            }
            if (statement.args().size() != 1) {
                throw argumentCount(statement);
            }
            String key = (stream ? "stream " : "http ") + NginxUpstream.lower(statement.args().get(0));
            if (upstreamKeys.putIfAbsent(key, statement.args().get(0)) != null) {
                throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                        "duplicate upstream \"" + statement.args().get(0) + "\"");
            }
            NginxUpstream upstream = new NginxUpstream(statement, stream).read();
            upstreams.put(upstream.poolName(), upstream);
            directives.addAll(upstream.directives());
        }

        private void virtualServer(NginxStatement statement, Context context, String scope)
                throws ConfigParseException {
            if (!statement.isBlock()) {
                throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                        "directive \"server\" has no opening \"{\"");
            }
            if (!statement.args().isEmpty()) {
                throw argumentCount(statement);
            }
            String label = serverLabel(statement, context == Context.HTTP);
            directives.add(new Directive(scope, label + " {...}", statement.line()));
            block(statement.children(), context == Context.HTTP ? Context.HTTP_SERVER : Context.STREAM_SERVER,
                    child(scope, label));
        }
    }

    private static Context childContext(String name, Context parent) {
        if (parent == Context.MAIN) {
            return switch (name) {
                case "http" -> Context.HTTP;
                case "stream" -> Context.STREAM;
                case "events" -> Context.EVENTS;
                default -> Context.OTHER;
            };
        }
        if ("location".equals(name) && (parent == Context.HTTP_SERVER || parent == Context.LOCATION)) {
            return Context.LOCATION;
        }
        return Context.OTHER;
    }

    private static String child(String scope, String label) {
        return scope.isEmpty() ? label : scope + " > " + label;
    }

    private static String label(NginxStatement block) {
        return NginxText.canonical(block.words());
    }

    private static Directive blockHeader(NginxStatement block, String where) {
        return new Directive(where, label(block) + " {...}", block.line());
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
