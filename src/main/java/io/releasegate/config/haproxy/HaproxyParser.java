package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.ConfigParser;
import io.releasegate.config.Directive;
import io.releasegate.config.Pool;
import io.releasegate.config.SourceResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an HAProxy 2.6 configuration ({@code src/cfgparse.c readcfgfile()}) into the pool model: every
 * {@code backend} and {@code listen} section is a {@link Pool} with its effective balance algorithm, health check and
 * servers ({@code defaults}, {@code default-server} and {@code server-template} applied); every other statement is a
 * {@link Directive}. Stateless and thread-safe; throws nothing but {@link ConfigParseException}.
 */
public final class HaproxyParser implements ConfigParser {
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

    @Override
    public ConfigFormat format() {
        return ConfigFormat.HAPROXY;
    }

    @Override
    public ConfigFile parse(String path, String content, SourceResolver resolver) throws ConfigParseException {
        try {
            return new Run(path).parse(content == null ? "" : content);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ConfigParseException(path, 0, 0, "internal error while parsing (please report): " + e);
        }
    }

    /** Tokens joined by one space from word {@code from} on, quoted where needed to stay one word. */
    static String canonical(HaproxyLine line, int from) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < line.size(); i++) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(quote(line.word(i)));
        }
        return text.toString();
    }

    private static String quote(String word) {
        boolean plain = !word.isEmpty();
        for (int i = 0; i < word.length() && plain; i++) {
            char c = word.charAt(i);
            plain = c > ' ' && c != '"' && c != '\'' && c != '#' && c != '\\' && c != 0x7f;
        }
        if (plain) {
            return word;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '"', '\\' -> quoted.append('\\').append(c);
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** The state of one parse. */
    private static final class Run {
        private final String path;
        private final List<Pool> pools = new ArrayList<>();
        private final List<Directive> directives = new ArrayList<>();
        private final ConditionalBlocks conditions;
        private final Map<String, List<Integer>> defaultsLines = new HashMap<>();
        private final Map<String, ProxySettings> namedDefaults = new HashMap<>();
        private final Map<String, Integer> sectionNames = new HashMap<>();
        private ProxySettings lastDefaults = new ProxySettings();
        private String type;
        private String scope;
        private ProxySettings defaults;
        private PoolBuilder pool;

        Run(String path) {
            this.path = path;
            this.conditions = new ConditionalBlocks(path);
        }

        ConfigFile parse(String content) throws ConfigParseException {
            List<HaproxyLine> lines = new HaproxyTokenizer(path).tokenize(content);
            for (HaproxyLine line : lines) {
                statement(line);
            }
            conditions.finish(() -> (int) content.chars().filter(c -> c == '\n').count());
            closeSection();
            return new ConfigFile(path, ConfigFormat.HAPROXY, pools, directives);
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
            String keyword = line.word(0);
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
            if (first == 0 && pool != null && poolStatement(line)) {
                return;
            }
            if (first == 0 && defaults != null && "defaults".equals(type) && defaultsStatement(line)) {
                directive(line, canonical(line, 0));
                return;
            }
            if (first == 0 && ("server".equals(word) || "server-template".equals(word)
                    || "default-server".equals(word))) {
                misplacedServer(line, word);
            }
            directive(line, canonical(line, 0));
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
                throw error(line, 0, "'.alert' stops HAProxy here: " + line.word(1));
            }
            directive(line, canonical(line, 0));
        }

        private void openSection(HaproxyLine line) throws ConfigParseException {
            closeSection();
            String section = line.word(0);
            String name = line.word(1);
            if (PROXY_SECTIONS.contains(section)) {
                openProxy(line, section);
                return;
            }
            type = section;
            scope = name.isEmpty() ? section : section + " " + name;
            if (UNIQUE_SECTIONS.contains(section) && !name.isEmpty()) {
                Integer previous = sectionNames.putIfAbsent(section + " " + name, line.number());
                if (previous != null) {
                    throw error(line, 1, section + " section '" + name
                            + "' has the same name as another one declared at line " + previous);
                }
            }
            directive(line, canonical(line, 0));
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
            if (!line.word(fromIndex).isEmpty()) {
                if (!"from".equals(line.word(fromIndex)) || line.word(fromIndex + 1).isEmpty()) {
                    throw error(line, fromIndex, "unexpected argument '" + line.word(fromIndex) + "' after '"
                            + section + "' (expected 'from <defaults name>')");
                }
                from = line.word(fromIndex + 1);
                if (line.size() > fromIndex + 2 && !line.word(fromIndex + 2).isEmpty()) {
                    throw error(line, fromIndex + 2, "unexpected argument '" + line.word(fromIndex + 2) + "'");
                }
            }
            ProxySettings base = from == null ? (isDefaults ? new ProxySettings() : lastDefaults)
                    : referencedDefaults(line, fromIndex + 1, from, section, name);
            ProxySettings settings = base.copy();
            type = section;
            scope = name.isEmpty() ? section : section + " " + name;
            if (isDefaults) {
                defaults = settings;
                lastDefaults = settings;
                if (!name.isEmpty()) {
                    defaultsLines.computeIfAbsent(name, k -> new ArrayList<>()).add(line.number());
                    namedDefaults.put(name, settings);
                }
                directive(line, canonical(line, 0));
            } else if ("frontend".equals(section)) {
                directive(line, canonical(line, 0));
            } else {
                pool = new PoolBuilder(name, line.number(), path, settings);
                if (from != null) {
                    directive(line, canonical(line, 0));
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
                Integer at = sectionNames.get(candidate + " " + name);
                if (at != null && (frontendSide && candFront || backendSide && candBack)) {
                    clash = at;
                    other = candidate;
                }
            }
            if (clash != null) {
                throw error(line, 1, section + " '" + name + "' has the same name as " + other + " '" + name
                        + "' declared at line " + clash);
            }
            sectionNames.put(section + " " + name, line.number());
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
                    if ("send".equals(line.word(1)) && !pool.settings.httpCheckSend(line)) {
                        return true;
                    }
                    return false;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** Pool-affecting statements of a defaults section (also kept as directives). */
        private boolean defaultsStatement(HaproxyLine line) throws ConfigParseException {
            switch (line.word(0)) {
                case "default-server" -> defaults.defaultServer.apply(line, 1, true, path);
                case "balance" -> defaults.balance(line, path);
                case "option" -> defaults.checkOption(line, path);
                case "http-check" -> {
                    if ("send".equals(line.word(1))) {
                        defaults.httpCheckSend(line);
                    }
                }
                case "server", "server-template" -> throw error(line, 0,
                        "'" + line.word(0) + "' is not allowed in a 'defaults' section");
                default -> {
                    return true;
                }
            }
            return true;
        }

        private void misplacedServer(HaproxyLine line, String word) throws ConfigParseException {
            if ("global".equals(type) || "frontend".equals(type)) {
                throw error(line, 0, "'" + word + "' is not allowed in a '" + type + "' section"
                        + ("frontend".equals(type) ? " (a frontend has no backend capability)" : ""));
            }
        }

        private void closeSection() {
            if (pool != null) {
                pools.add(pool.build());
            }
            pool = null;
            defaults = null;
        }

        private void directive(HaproxyLine line, String text) {
            directives.add(new Directive(scope == null ? "" : scope, text, line.number()));
        }

        private ConfigParseException error(HaproxyLine line, int index, String reason) {
            return new ConfigParseException(path, line.number(), line.column(index), reason);
        }
    }
}
