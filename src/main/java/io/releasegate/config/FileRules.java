package io.releasegate.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides which files are load-balancer configuration and in which format: by the {@code files:} rules of
 * {@code .releasegate.yml} when there are any, otherwise by content ({@link #detect}).
 */
public final class FileRules {
    /** Detection looks at the start of a file first: enough for any real configuration, cheap for a large one. */
    private static final int SNIFF_HEAD = 256 * 1024;
    /** An HAProxy section line: a section keyword, an optional name (and {@code from NAME}), nothing else. */
    private static final Pattern HAPROXY_SECTION = Pattern.compile("(?m)^[ \\t]*(global|defaults|frontend|backend"
            + "|listen|userlist|peers|resolvers|mailers|cache|fcgi-app|program|http-errors|ring|log-forward)"
            + "([ \\t]+[^\\s#{};]+){0,3}[ \\t]*(#[^\\n]*)?$");
    /** A statement only HAProxy configurations have, after a section line. */
    private static final Pattern HAPROXY_STATEMENT = Pattern.compile("(?m)^[ \\t]*(server|server-template|balance"
            + "|default-server|bind|mode|timeout|default_backend|use_backend|dispatch|option|http-request"
            + "|http-response|http-after-response|http-after-request|tcp-request|tcp-response|acl|maxconn|stats"
            + "|log|errorfile|user|group|peer|nameserver"
            + "|total-max-size|max-age|docroot|chroot|pidfile|daemon|nbthread|retries|stick-table|http-check"
            + "|tcp-check|mailer|command|format|nbproc|cpu-map|setenv)([ \\t][^\\n]*)?$");
    /** HAProxy's conditional blocks and messages ({@code .if}, {@code .endif}, {@code .notice}, ...). */
    private static final Pattern HAPROXY_CONDITIONAL = Pattern.compile(
            "(?m)^[ \\t]*\\.(if|elif|else|endif|notice|warning|alert|diag)([ \\t][^\\n]*)?$");
    private static final Pattern NGINX_UPSTREAM = Pattern.compile(
            "(?m)^[ \\t]*([\"']?)upstream\\1[ \\t]+[^\\s{;]+[ \\t]*\\{");
    /** An {@code http}, {@code stream} or {@code events} block; nginx also takes the name in quotes. */
    private static final Pattern NGINX_BLOCK = Pattern.compile("(?m)^[ \\t]*([\"']?)(http|stream|events)\\1[ \\t]*\\{");
    private static final Pattern POOLFILE = Pattern.compile("(?m)^(pools[ \\t]*:|[ \\t]*\\{?[ \\t]*\"pools\"[ \\t]*:)");

    private final List<FileRule> rules;
    private final List<PathMatcher> matchers;

    private FileRules(List<FileRule> rules) {
        this.rules = List.copyOf(rules);
        this.matchers = new ArrayList<>();
        for (FileRule rule : rules) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + rule.glob()));
        }
    }

    /** Rules from the policy file; an empty list means detection by content. */
    public static FileRules of(List<FileRule> rules) {
        for (FileRule rule : rules) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + rule.glob());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid glob '" + rule.glob() + "': " + e.getMessage(), e);
            }
        }
        return new FileRules(rules);
    }

    /** Detection by content only. */
    public static FileRules byContent() {
        return new FileRules(List.of());
    }

    public List<FileRule> rules() {
        return rules;
    }

    public boolean byContentOnly() {
        return rules.isEmpty();
    }

    /** The format a path has by the rules (first match wins); empty when no rule matches or there are no rules. */
    public Optional<ConfigFormat> byPath(String path) {
        Path asPath = Path.of(path);
        for (int i = 0; i < rules.size(); i++) {
            if (matchers.get(i).matches(asPath)) {
                return Optional.of(rules.get(i).format());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a path could be configuration worth reading: by the rules when there are any, otherwise by a name
     * that such files usually have, before their content is read.
     */
    public boolean candidate(String path) {
        if (!rules.isEmpty()) {
            return byPath(path).isPresent();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals(".releasegate.yml") || name.equals(".releasegate.yaml")) {
            return false;
        }
        return name.endsWith(".cfg") || name.endsWith(".conf") || name.endsWith(".yml") || name.endsWith(".yaml")
                || name.endsWith(".json") || name.equals("haproxy.cfg") || name.startsWith("nginx")
                || name.startsWith("haproxy");
    }

    /** The format of a file: by the rules, or when there are none, by its content. */
    public Optional<ConfigFormat> formatOf(String path, String content) {
        if (!rules.isEmpty()) {
            return byPath(path);
        }
        return candidate(path) ? detect(path, content) : Optional.empty();
    }

    /**
     * Detection by content: pool files ({@code .yml}/{@code .yaml}/{@code .json} with a top-level {@code pools}),
     * nginx ({@code upstream NAME {}} or an {@code http}/{@code stream}/{@code events} block), HAProxy (a section
     * line of any HAProxy section, {@code global} and {@code userlist} included, and an HAProxy statement; or
     * HAProxy's {@code .if}/{@code .endif}). A file without pools is still recognised: a frontends-only HAProxy file
     * is configuration that defines none. The first 256 KiB decide; the rest is read only when they do not. A NUL
     * character in the first 256 KiB makes a file binary.
     */
    public static Optional<ConfigFormat> detect(String path, String content) {
        if (content.substring(0, Math.min(content.length(), SNIFF_HEAD)).indexOf('\0') >= 0) {
            // a NUL near the start is a binary file (git looks at the first 8000 bytes); later, a parse error
            return Optional.empty();
        }
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".yml") || lower.endsWith(".yaml") || lower.endsWith(".json")) {
            return POOLFILE.matcher(content).find() ? Optional.of(ConfigFormat.POOLFILE) : Optional.empty();
        }
        if (content.length() > SNIFF_HEAD) {
            Optional<ConfigFormat> byHead = detectLoadBalancer(content.substring(0, SNIFF_HEAD));
            if (byHead.isPresent()) {
                return byHead;
            }
        }
        return detectLoadBalancer(content);
    }

    private static Optional<ConfigFormat> detectLoadBalancer(String content) {
        if (NGINX_UPSTREAM.matcher(content).find() || NGINX_BLOCK.matcher(content).find()) {
            return Optional.of(ConfigFormat.NGINX);
        }
        if (HAPROXY_SECTION.matcher(content).find() && HAPROXY_STATEMENT.matcher(content).find()
                || HAPROXY_CONDITIONAL.matcher(content).find()) {
            return Optional.of(ConfigFormat.HAPROXY);
        }
        return Optional.empty();
    }
}
