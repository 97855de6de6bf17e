package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of one {@code frontend} or {@code listen} section: its {@code use_backend} rules with their conditions,
 * its {@code default_backend} (its own, or the one of its defaults section), and the ACLs that give a condition its
 * meaning in words.
 */
final class SectionRoutes {
    /** A route as written, before the file's backends are known. */
    record Pending(String frontend, String condition, String target, String statement, int line, int column,
            String meaning, String keyword) {
        /** A target computed per request ({@code use_backend %[req.hdr(host)]}). */
        boolean dynamic() {
            return target.indexOf('%') >= 0;
        }
    }

    private final String frontend;
    private final Map<String, List<String>> acls = new LinkedHashMap<>();
    private final List<Pending> routes = new ArrayList<>();
    private final List<Pending> conditional = new ArrayList<>();
    private Pending defaultRoute;

    SectionRoutes(String frontend) {
        this.frontend = frontend;
    }

    /** {@code acl <name> <criterion> [flags] [operator] <value> ...}: an ACL of the same name adds alternatives. */
    void acl(HaproxyLine line) {
        String name = line.word(1);
        if (!name.isEmpty()) {
            acls.computeIfAbsent(name, k -> new ArrayList<>()).add(HaproxyParser.canonical(line, 2));
        }
    }

    /**
     * {@code default_backend <name>} or {@code use_backend <name> [{if | unless} <condition>]}.
     *
     * @param onlyIf the {@code .if} condition the line depends on, or empty
     */
    void route(HaproxyLine line, String onlyIf, String path) throws ConfigParseException {
        String keyword = line.word(0);
        String target = line.word(1);
        if (target.isEmpty()) {
            throw new ConfigParseException(path, line.number(), line.column(0),
                    "'" + keyword + "' expects a backend name");
        }
        boolean isDefault = "default_backend".equals(keyword);
        if (isDefault && !line.word(2).isEmpty()) {
            throw new ConfigParseException(path, line.number(), line.column(2),
                    "'default_backend' expects a single backend name, not '" + line.word(2) + "'");
        }
        String condition = isDefault ? "" : HaproxyParser.canonical(line, 2);
        if (!onlyIf.isEmpty()) {
            condition = (condition.isEmpty() ? "" : condition + " ") + "[only if " + onlyIf + "]";
        }
        Pending route = new Pending(frontend, condition, target, HaproxyParser.canonical(line, 0), line.number(),
                line.column(1), "", keyword);
        if (isDefault && onlyIf.isEmpty()) {
            defaultRoute = route;
        } else if (isDefault) {
            conditional.add(route);
        } else {
            routes.add(route);
        }
    }

    /**
     * The routes of the section once it is complete.
     *
     * @param inherited the defaults' default_backend, or null
     * @param listen    for a listen section, its line and name: without a default_backend, the requests no rule
     *                  takes go to its own servers; null for a frontend
     */
    List<Pending> close(HaproxyLine inherited, HaproxyLine listen) {
        List<Pending> all = new ArrayList<>();
        for (Pending route : routes) {
            all.add(withMeaning(route));
        }
        all.addAll(conditional);
        if (defaultRoute != null) {
            all.add(defaultRoute);
        } else if (inherited != null) {
            all.add(new Pending(frontend, "", inherited.word(1), HaproxyParser.canonical(inherited, 0) + " (from "
                    + "defaults)", inherited.number(), inherited.column(1), "", "default_backend"));
        } else if (listen != null) {
            all.add(new Pending(frontend, "", listen.word(1), "listen " + listen.word(1) + " (its own servers)",
                    listen.number(), listen.column(1), "", "listen"));
        }
        return all;
    }

    private Pending withMeaning(Pending route) {
        List<String> parts = new ArrayList<>();
        for (String word : route.condition().split(" ")) {
            String name = word.startsWith("!") ? word.substring(1) : word;
            List<String> definition = acls.get(name);
            if (definition != null && !parts.contains(name + ": " + String.join(" or ", definition))) {
                parts.add(name + ": " + String.join(" or ", definition));
            }
        }
        return new Pending(route.frontend(), route.condition(), route.target(), route.statement(), route.line(),
                route.column(), String.join("; ", parts), route.keyword());
    }
}
