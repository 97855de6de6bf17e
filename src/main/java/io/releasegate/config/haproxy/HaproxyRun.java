package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigNote;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Directive;
import io.releasegate.config.Pool;
import io.releasegate.config.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The state of one parse of an HAProxy configuration, fed one line at a time. Not thread-safe. */
final class HaproxyRun {
    private static final Set<String> PROXY_SECTIONS = Set.of("defaults", "frontend", "backend", "listen");
    private static final Set<String> OTHER_SECTIONS = Set.of("global", "peers", "resolvers", "userlist", "mailers",
            "program", "http-errors", "ring", "cache", "fcgi-app", "log-forward", "namespace_list");
    /** Sections where HAProxy refuses a second section of the same name (userlist only warns). */
    private static final Set<String> UNIQUE_SECTIONS = Set.of("peers", "resolvers", "mailers", "program",
            "http-errors", "ring", "cache", "fcgi-app", "log-forward");
    private static final Set<String> NEGATABLE = Set.of("option", "log", "busy-polling", "set-dumpable",
            "strict-limits", "insecure-fork-wanted", "numa-cpu-mapping");
    private static final Set<String> CHECK_OPTIONS = Set.of("httpchk", "ssl-hello-chk", "smtpchk", "pgsql-check",
            "redis-check", "mysql-check", "ldap-check", "spop-check", "tcp-check", "external-check");
    /** The rule keywords a defaults section may only hold when it has a name (and a listen may not inherit). */
    private static final Set<String> RULES = Set.of("http-request", "http-response", "http-after-response",
            "tcp-request", "tcp-response");

    private final String path;
    private final List<Pool> pools = new ArrayList<>();
    private final List<Directive> directives = new ArrayList<>();
    private final List<SectionRoutes.Pending> routes = new ArrayList<>();
    private final List<ConfigNote> notes = new ArrayList<>();
    private final ConditionalBlocks conditions;
    private final Map<String, List<Integer>> defaultsLines = new HashMap<>();
    private final Map<String, ProxySettings> namedDefaults = new HashMap<>();
    /** Per section type, the line of each name. */
    private final Map<String, Map<String, Integer>> sectionNames = new HashMap<>();
    private final SettingsCache settingsCache = new SettingsCache();
    private ProxySettings lastDefaults = new ProxySettings();
    private String type;
    private String scope;
    private String condition = "";
    private ProxySettings defaults;
    private boolean anonymousDefaults;
    private ProxySettings proxy;
    private PoolBuilder pool;
    private SectionRoutes sectionRoutes;
    private HaproxyLine listenLine;

    HaproxyRun(String path) {
        this.path = path;
        this.conditions = new ConditionalBlocks(path);
    }

    ConfigFile parse(String content) throws ConfigParseException {
        int lines = new HaproxyTokenizer(path).forEachLine(content, this::statement);
        conditions.finish(() -> lines);
        closeSection();
        return new ConfigFile(path, ConfigFormat.HAPROXY, pools, directives, List.of(), resolveRoutes(), notes);
    }

    private void statement(HaproxyLine line) throws ConfigParseException {
        if (line.scope() != null) {
            if (!conditions.skipping()) {
                directive(line, "[" + line.scope() + "]");
            }
            return;
        }
        if (conditions.handle(line) || conditions.skipping()) {
            return;
        }
        condition = conditions.condition();
        if (pool != null) {
            pool.condition = condition;
        }
        String keyword = line.word(0);
        if (pool != null && "server".equals(keyword)) {
            // most lines of a large file: a server of the pool being read
            pool.server(line);
            return;
        }
        if (keyword.startsWith(".")) {
            message(line);
            return;
        }
        int first = 0;
        if ("no".equals(keyword) || "default".equals(keyword)) {
            negation(line);
            first = 1;
        }
        String word = line.word(first);
        if (first == 0 && (PROXY_SECTIONS.contains(word) || OTHER_SECTIONS.contains(word))) {
            openSection(line);
            return;
        }
        if (type == null) {
            throw error(line, 0, "unknown keyword '" + keyword + "' out of any section");
        }
        checkKeyword(line, first, word);
        if (first == 0 && body(line, word)) {
            return;
        }
        directive(line, HaproxyParser.canonical(line, 0));
    }

    /** The statements of a section that the model or a check needs; returns true when the line is consumed. */
    private boolean body(HaproxyLine line, String word) throws ConfigParseException {
        if (RULES.contains(word) && "defaults".equals(type)) {
            defaultsRule(line, word);
        }
        if (pool != null && poolStatement(line)) {
            return true;
        }
        if (defaults != null) {
            defaultsStatement(line);
            if ("default_backend".equals(word)) {
                return true;
            }
        }
        if (sectionRoutes != null && ("default_backend".equals(word) || "use_backend".equals(word))) {
            sectionRoutes.route(line, condition, path);
            return true;
        }
        switch (word) {
            case "server", "server-template", "default-server" -> misplacedServer(line, word);
            case "acl" -> {
                if (sectionRoutes != null) {
                    sectionRoutes.acl(line);
                }
            }
            case "log" -> ListenerAddresses.checkLog(line, path);
            case "bind" -> ListenerAddresses.checkBind(line, path);
            default -> {
                // a statement outside the model
            }
        }
        return false;
    }

    /** A keyword HAProxy 2.6 refuses as removed is an error; one it does not know is kept and noted. */
    private void checkKeyword(HaproxyLine line, int first, String word) throws ConfigParseException {
        String section = type;
        if (section == null || !HaproxyKeywords.checked(section)) {
            return;
        }
        Optional<String> removed = HaproxyKeywords.removed(section, word);
        if (removed.isPresent()) {
            throw error(line, first, removed.get());
        }
        if (!HaproxyKeywords.known(section, word)) {
            notes.add(new ConfigNote(ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION, path, line.number(),
                    pool != null ? pool.name() : "", word, "'" + word + "' in " + scope + " is not a keyword of "
                    + "HAProxy " + HaproxyCondition.VERSION + " (a newer release, a build option or a typo): kept "
                    + "as written, not evaluated."));
        }
    }

    private void defaultsRule(HaproxyLine line, String word) throws ConfigParseException {
        if (anonymousDefaults) {
            if (word.startsWith("tcp-")) {
                throw error(line, 0, word + " " + line.word(1) + " is not allowed in anonymous 'defaults' sections");
            }
            throw error(line, 0, "'" + word + "' not allowed in anonymous 'defaults' section.");
        }
        defaults.definesRules = true;
    }

    private void negation(HaproxyLine line) throws ConfigParseException {
        String target = line.word(1);
        if (!NEGATABLE.contains(target)) {
            throw error(line, 0, "'" + line.word(0) + "' (negation/default) is only supported for options, log,"
                    + " busy-polling, set-dumpable, strict-limits, insecure-fork-wanted and numa-cpu-mapping");
        }
        if ("option".equals(target) && CHECK_OPTIONS.contains(line.word(2))) {
            throw error(line, 2, "negation/default is not supported for option '" + line.word(2) + "'");
        }
    }

    private void message(HaproxyLine line) throws ConfigParseException {
        String keyword = line.word(0);
        if (!Set.of(".alert", ".warning", ".notice", ".diag").contains(keyword)) {
            throw error(line, 0, "unknown directive '" + keyword + "'");
        }
        if (line.size() > 2 && !line.word(2).isEmpty()) {
            throw error(line, 2, "unexpected argument '" + line.word(2) + "' for '" + keyword
                    + "'; use quotes if the message should contain spaces");
        }
        if (".alert".equals(keyword)) {
            if (!condition.isEmpty()) {
                // HAProxy stops here only if the condition holds, which is not known offline
                directive(line, HaproxyParser.canonical(line, 0));
                return;
            }
            throw error(line, 0, "'.alert' stops HAProxy here: " + line.word(1));
        }
        directive(line, HaproxyParser.canonical(line, 0));
    }

    private void openSection(HaproxyLine line) throws ConfigParseException {
        closeSection();
        String section = line.word(0);
        String name = line.word(1);
        if (PROXY_SECTIONS.contains(section)) {
            openProxy(line, section);
        } else {
            type = section;
            scope = name.isEmpty() ? section : section + " " + name;
            if (UNIQUE_SECTIONS.contains(section) && !name.isEmpty()) {
                Integer previous = names(section).putIfAbsent(name, line.number());
                if (previous != null) {
                    throw error(line, 1, section + " section '" + name
                            + "' has the same name as another one declared at line " + previous);
                }
            }
            directive(line, HaproxyParser.canonical(line, 0));
        }
        if (!condition.isEmpty()) {
            notes.add(new ConfigNote(ConfigNote.Kind.CONDITIONAL, path, line.number(), pool != null ? pool.name()
                    : "", ".if", scope + " is defined only if " + condition + ", which cannot be evaluated "
                    + "offline: it is read as if it were."));
        }
    }

    private void openProxy(HaproxyLine line, String section) throws ConfigParseException {
        boolean isDefaults = "defaults".equals(section);
        String name = line.word(1);
        int fromIndex = 2;
        if (isDefaults && "from".equals(name)) {
            name = "";
            fromIndex = 1;
        }
        if (!isDefaults) {
            proxyName(line, section, name);
        }
        String from = null;
        // HAProxy 2.6 ignores what follows a defaults section's name unless it is 'from <name>'
        boolean ignored = isDefaults && !"from".equals(line.word(fromIndex));
        if (!line.word(fromIndex).isEmpty() && !ignored) {
            if (!"from".equals(line.word(fromIndex)) || line.word(fromIndex + 1).isEmpty()) {
                throw error(line, fromIndex, isDefaults ? "'defaults " + name + " from' expects the name of a "
                        + "defaults section" : "please use the 'bind' keyword for listening addresses ('"
                        + line.word(fromIndex) + "' after '" + section + " " + name + "')");
            }
            from = line.word(fromIndex + 1);
            if (!isDefaults && line.size() > fromIndex + 2 && !line.word(fromIndex + 2).isEmpty()) {
                throw error(line, fromIndex + 2, "unexpected argument '" + line.word(fromIndex + 2) + "'");
            }
        }
        ProxySettings base = from == null ? (isDefaults ? new ProxySettings() : lastDefaults)
                : referencedDefaults(line, fromIndex + 1, from, section, name);
        if (base.definesRules && ("listen".equals(section) || isDefaults)) {
            throw error(line, 0, "a " + section + " section cannot inherit from a defaults section defining "
                    + "TCP/HTTP rules");
        }
        ProxySettings settings = base.copy();
        settings.definesRules = false;
        type = section;
        scope = name.isEmpty() ? section : section + " " + name;
        if (isDefaults) {
            defaults = settings;
            anonymousDefaults = name.isEmpty();
            lastDefaults = settings;
            if (!name.isEmpty()) {
                defaultsLines.computeIfAbsent(name, k -> new ArrayList<>()).add(line.number());
                namedDefaults.put(name, settings);
            }
            directive(line, HaproxyParser.canonical(line, 0));
            return;
        }
        proxy = settings;
        if (!"backend".equals(section)) {
            sectionRoutes = new SectionRoutes(scope);
            listenLine = "listen".equals(section) ? line : null;
        }
        if ("frontend".equals(section)) {
            directive(line, HaproxyParser.canonical(line, 0));
        } else {
            pool = new PoolBuilder(name, line.number(), path, settings, settingsCache);
            pool.condition = condition;
            if (from != null) {
                directive(line, HaproxyParser.canonical(line, 0));
            }
        }
    }

    private void proxyName(HaproxyLine line, String section, String name) throws ConfigParseException {
        if (name.isEmpty()) {
            throw error(line, 0, "'" + section + "' expects a <name> argument");
        }
        for (int k = 0; k < name.length(); k++) {
            if (!HaproxyTokenizer.isNameChar(name.charAt(k))) {
                throw error(line, 1, "character '" + name.charAt(k) + "' is not permitted in '" + section
                        + "' name '" + name + "'");
            }
        }
        boolean frontendSide = !"backend".equals(section);
        boolean backendSide = !"frontend".equals(section);
        Integer clash = null;
        String other = null;
        for (String candidate : List.of("frontend", "backend", "listen")) {
            boolean candFront = !"backend".equals(candidate);
            boolean candBack = !"frontend".equals(candidate);
            Integer at = names(candidate).get(name);
            if (at != null && (frontendSide && candFront || backendSide && candBack)) {
                clash = at;
                other = candidate;
            }
        }
        if (clash != null) {
            throw error(line, 1, section + " '" + name + "' has the same name as " + other + " '" + name
                    + "' declared at line " + clash);
        }
        names(section).put(name, line.number());
    }

    private Map<String, Integer> names(String section) {
        return sectionNames.computeIfAbsent(section, k -> new HashMap<>());
    }

    private ProxySettings referencedDefaults(HaproxyLine line, int index, String from, String section,
            String name) throws ConfigParseException {
        List<Integer> at = defaultsLines.get(from);
        if (at == null) {
            throw error(line, index, "defaults section '" + from + "' not found for " + section + " '"
                    + name + "'");
        }
        if (at.size() > 1) {
            throw error(line, index, "ambiguous defaults section name '" + from + "' referenced by " + section
                    + " '" + name + "' exists at lines " + at);
        }
        return namedDefaults.get(from);
    }

    /** Pool statements of a backend/listen; returns false for statements that are directives. */
    private boolean poolStatement(HaproxyLine line) throws ConfigParseException {
        switch (line.word(0)) {
            case "server" -> pool.server(line);
            case "server-template" -> pool.serverTemplate(line);
            case "default-server" -> pool.defaultServer(line);
            case "balance" -> pool.settings.balance(line, path);
            case "option" -> {
                return pool.settings.checkOption(line, path);
            }
            case "http-check" -> {
                return "send".equals(line.word(1)) && !pool.settings.httpCheckSend(line);
            }
            case "tcp-check" -> {
                pool.settings.tcpCheck(line);
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Pool-affecting statements of a defaults section (kept as directives too, but for default_backend). */
    private void defaultsStatement(HaproxyLine line) throws ConfigParseException {
        switch (line.word(0)) {
            case "default-server" -> defaults.defaultServer.apply(line, 1, true, path);
            case "balance" -> defaults.balance(line, path);
            case "option" -> defaults.checkOption(line, path);
            case "http-check" -> {
                if ("send".equals(line.word(1))) {
                    defaults.httpCheckSend(line);
                }
            }
            case "tcp-check" -> defaults.tcpCheck(line);
            case "default_backend" -> {
                if (line.word(1).isEmpty()) {
                    throw error(line, 0, "'default_backend' expects a backend name");
                }
                defaults.defaultBackend = line;
            }
            case "server", "server-template" -> throw error(line, 0,
                    "'" + line.word(0) + "' is not allowed in a 'defaults' section");
            default -> {
                // not pool-affecting
            }
        }
    }

    private void misplacedServer(HaproxyLine line, String word) throws ConfigParseException {
        if ("global".equals(type) || "frontend".equals(type)) {
            throw error(line, 0, "'" + word + "' is not allowed in a '" + type + "' section"
                    + ("frontend".equals(type) ? " (a frontend has no backend capability)" : ""));
        }
    }

    private void closeSection() throws ConfigParseException {
        if (sectionRoutes != null) {
            routes.addAll(sectionRoutes.close(proxy.defaultBackend, listenLine));
        }
        if (pool != null) {
            pools.add(pool.build());
        }
        pool = null;
        defaults = null;
        proxy = null;
        sectionRoutes = null;
    }

    /** Routes with their targets checked: HAProxy refuses to start when a named backend does not exist. */
    private List<Route> resolveRoutes() throws ConfigParseException {
        Set<String> backends = new HashSet<>();
        pools.forEach(p -> backends.add(p.name()));
        List<Route> resolved = new ArrayList<>();
        for (SectionRoutes.Pending route : routes) {
            boolean dynamic = route.dynamic();
            boolean toPool = !dynamic && backends.contains(route.target());
            if (!dynamic && !toPool) {
                String frontend = route.frontend();
                throw new ConfigParseException(path, route.line(), route.column(), frontend.replaceFirst(" ", " '")
                        + "': " + route.keyword() + " '" + route.target() + "' is not a backend or listen section "
                        + "(HAProxy: unable to find required " + route.keyword() + ")");
            }
            resolved.add(new Route(route.frontend(), route.condition(), route.target(), toPool, dynamic,
                    route.statement(), route.line(), route.meaning()));
        }
        return resolved;
    }

    private void directive(HaproxyLine line, String text) {
        String written = condition.isEmpty() ? text : text + " [only if " + condition + "]";
        directives.add(new Directive(scope == null ? "" : scope, written, line.number()));
    }

    private ConfigParseException error(HaproxyLine line, int index, String reason) {
        return new ConfigParseException(path, line.number(), line.column(index), reason);
    }
}
