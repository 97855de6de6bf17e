package io.releasegate.config.nginx;

import io.releasegate.config.ConfigNote;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Directive;
import io.releasegate.config.Pool;
import io.releasegate.config.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pass over an nginx statement tree: upstreams become pools, {@code *_pass} statements of virtual servers become
 * routes, directives nginx 1.22 does not know become notes, everything else becomes a directive with its scope.
 * Not thread-safe; one instance walks one tree.
 */
final class NginxWalk {
    /** Where a statement stands, as far as the rules checked here need to know. */
    private enum Context {
        MAIN("main"), EVENTS("events"), HTTP("http"), STREAM("stream"), HTTP_SERVER("http server"),
        STREAM_SERVER("stream server"), LOCATION("location"), OTHER("other");

        private final String id;

        Context(String id) {
            this.id = id;
        }
    }

    /** Contexts where nginx checks the upstream directives' context itself. */
    private static final Set<String> ANY_UPSTREAM_CHECKED = Set.of("main", "events", "http", "stream", "http server",
            "stream server", "location");
    /** The statements that send a request on to a server or an upstream. */
    private static final Set<String> PASSES = Set.of("proxy_pass", "grpc_pass", "fastcgi_pass", "uwsgi_pass",
            "scgi_pass", "memcached_pass");
    /** Blocks whose contents are data (MIME types, map entries, networks), not directives. */
    private static final Set<String> DATA_BLOCKS = Set.of("types", "map", "geo", "split_clients", "charset_map",
            "match");

    /** A {@code *_pass} statement of a virtual server, before the file's upstreams are all known. */
    private record Pass(NginxStatement statement, String frontend, String condition, boolean stream) {
    }

    private final List<Directive> directives = new ArrayList<>();
    private final Map<String, NginxUpstream> upstreams = new LinkedHashMap<>();
    private final Map<String, String> upstreamKeys = new HashMap<>();
    private final List<String> activeHealthChecked = new ArrayList<>();
    private final List<ConfigNote> notes = new ArrayList<>();
    private final List<Pass> passes = new ArrayList<>();
    private String frontend;
    private String frontendScope;

    /** Walks a file's top-level statements, in the {@code http} context for an http fragment. */
    void top(List<NginxStatement> tree, boolean httpFragment) throws ConfigParseException {
        block(tree, httpFragment ? Context.HTTP : Context.MAIN, "");
    }

    List<Directive> directives() {
        return directives;
    }

    List<ConfigNote> notes() {
        return notes;
    }

    List<Pool> pools() {
        for (String name : activeHealthChecked) {
            NginxUpstream upstream = upstreams.get(name);
            if (upstream != null) {
                upstream.markActiveHealthCheck();
            }
        }
        return upstreams.values().stream().map(NginxUpstream::toPool).toList();
    }

    /** The routes, their targets resolved against the upstreams of the whole tree. */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Pass pass : passes) {
            NginxStatement statement = pass.statement();
            String argument = statement.args().get(0);
            boolean dynamic = argument.indexOf('$') >= 0;
            String upstream = dynamic ? null : upstreamKeys.get(key(NginxParser.upstreamOf(argument), pass.stream()));
            boolean toPool = upstream != null;
            String target = toPool ? NginxUpstream.poolName(upstream, pass.stream()) : argument;
            routes.add(new Route(pass.frontend(), pass.condition(), target, toPool, dynamic,
                    NginxText.canonical(statement.words()), statement.line(), ""));
        }
        return routes;
    }

    private static String key(String upstream, boolean stream) {
        return (stream ? "stream " : "http ") + NginxUpstream.lower(upstream);
    }

    private void block(List<NginxStatement> statements, Context context, String scope) throws ConfigParseException {
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
            NginxParser.requireSimple(statement);
            directives.add(new Directive(where, NginxText.canonical(statement.words()), statement.line()));
        } else if ("upstream".equals(name) && (context == Context.HTTP || context == Context.STREAM)) {
            upstream(statement, context == Context.STREAM);
        } else if ("server".equals(name) && (context == Context.HTTP || context == Context.STREAM)) {
            virtualServer(statement, context, scope);
        } else if (("upstream".equals(name) || "server".equals(name) || NginxUpstream.BALANCERS.contains(name))
                && ANY_UPSTREAM_CHECKED.contains(context.id)) {
            throw NginxParser.notAllowed(statement);
        } else if ("health_check".equals(name) && proxyPass != null) {
            note(statement, "");
            activeHealthChecked.add(NginxUpstream.poolName(NginxParser.upstreamOf(proxyPass),
                    context == Context.STREAM_SERVER));
            NginxParser.addGeneric(statement, where, directives);
        } else if (PASSES.contains(name) && frontend != null && !statement.isBlock()
                && statement.args().size() == 1) {
            String condition = where.startsWith(frontendScope + " > ")
                    ? where.substring(frontendScope.length() + 3) : "";
            passes.add(new Pass(statement, frontend, condition, context == Context.STREAM_SERVER));
        } else if (!NginxDirectives.known(name) || statement.isBlock() && DATA_BLOCKS.contains(name)) {
            note(statement, "");
            NginxParser.addGeneric(statement, where, directives);
        } else if (statement.isBlock()) {
            directives.add(NginxParser.blockHeader(statement, where));
            block(statement.children(), childContext(name, context),
                    child(scope, NginxParser.label(statement)));
        } else {
            directives.add(new Directive(where, NginxText.canonical(statement.words()), statement.line()));
        }
    }

    /** Notes a directive nginx 1.22 does not know; nothing for one it knows. */
    private void note(NginxStatement statement, String pool) {
        if (!NginxDirectives.known(statement.name())) {
            notes.add(unknown(statement, pool));
        }
    }

    static ConfigNote unknown(NginxStatement statement, String pool) {
        return new ConfigNote(ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION, statement.file(), reportedLine(statement), pool,
                statement.name(), "\"" + statement.name() + "\" is not a directive of " + NginxDirectives.VERSION
                        + " (NGINX Plus, a newer nginx, a third-party module or a typo): kept as written, not "
                        + "evaluated.");
    }

    /** The line nginx names for a statement: where a directive's {@code ;} is, where a block starts. */
    static int reportedLine(NginxStatement statement) {
        return statement.isBlock() ? statement.line() : statement.endLine();
    }

    private void upstream(NginxStatement statement, boolean stream) throws ConfigParseException {
        if (!statement.isBlock()) {
            throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                    "directive \"upstream\" has no opening \"{\"");
        }
        if (statement.args().size() != 1) {
            throw NginxParser.argumentCount(statement);
        }
        String key = key(statement.args().get(0), stream);
        if (upstreamKeys.putIfAbsent(key, statement.args().get(0)) != null) {
            throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                    "duplicate upstream \"" + statement.args().get(0) + "\"");
        }
        NginxUpstream upstream = new NginxUpstream(statement, stream, notes).read();
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
            throw NginxParser.argumentCount(statement);
        }
        boolean http = context == Context.HTTP;
        String label = NginxParser.serverLabel(statement, http);
        directives.add(new Directive(scope, label + " {...}", statement.line()));
        String outerFrontend = frontend;
        String outerScope = frontendScope;
        frontend = http ? label : "stream " + label;
        frontendScope = child(scope, label);
        try {
            block(statement.children(), http ? Context.HTTP_SERVER : Context.STREAM_SERVER, frontendScope);
        } finally {
            frontend = outerFrontend;
            frontendScope = outerScope;
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
}
