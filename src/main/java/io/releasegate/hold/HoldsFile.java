package io.releasegate.hold;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.YamlNode;
import io.releasegate.config.YamlReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code .releasegate/holds.yml} (docs/policy.md, "Holds"):
 *
 * <pre>
 * holds:
 *   - pool: web
 *     servers: [web-02]
 *     since: 2026-12-03T16:00:00Z
 *     until: 2026-12-03T18:00:00Z
 *     reason: load test
 *     owner: alice
 *     contact: alice-slack     # optional: a contact of escalation.contacts
 * </pre>
 *
 * Every error names the file, the line and the key. A hold longer than the judging policy's
 * {@code holds.maxDuration} ({@code until - since}), one written in the future, one that ends before it starts and
 * a server held twice are refused.
 */
public final class HoldsFile {
    /** The file's path in the configuration repository. */
    public static final String PATH = ".releasegate/holds.yml";
    /** How far in the future {@code since} may lie (clocks of the writer and the reader differ). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Pattern NAME = Pattern.compile("[^\\s/\\p{Cntrl}]{1,256}");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:@+-]+");

    private HoldsFile() {
    }

    /**
     * Parses the holds of {@code content}.
     *
     * @param file        the name errors use
     * @param maxDuration the judging policy's {@code holds.maxDuration}
     * @param now         the reader's time (for a {@code since} in the future)
     */
    public static Holds parse(String file, String content, Duration maxDuration, Instant now)
            throws ConfigParseException {
        return read(file, content, maxDuration, Objects.requireNonNull(now, "now"));
    }

    /**
     * Parses the holds of an already approved revision: the cap is checked again, a {@code since} in the future is
     * not (it was written under that revision's clock).
     */
    public static Holds parseApproved(String file, String content, Duration maxDuration) throws ConfigParseException {
        return read(file, content, maxDuration, null);
    }

    private static Holds read(String file, String content, Duration maxDuration, Instant now)
            throws ConfigParseException {
        Objects.requireNonNull(maxDuration, "maxDuration");
        YamlNode root = YamlReader.read(file, content);
        root.requireOnly("version", "holds");
        if (root.get("version").isPresent()) {
            root.get("version").get().asInt(1, 1);
        }
        List<Hold> holds = new ArrayList<>();
        Map<String, Hold> byServer = new HashMap<>();
        if (root.get("holds").isPresent()) {
            for (YamlNode entry : root.get("holds").get().items()) {
                for (Hold hold : entry(entry, maxDuration, now)) {
                    Hold earlier = byServer.putIfAbsent(hold.target(), hold);
                    if (earlier != null) {
                        throw entry.error(hold.target() + " is held twice (lines " + earlier.line() + " and "
                                + hold.line() + "): one hold per server; extend the first instead");
                    }
                    holds.add(hold);
                }
            }
        }
        return new Holds(file, holds);
    }

    private static List<Hold> entry(YamlNode entry, Duration maxDuration, Instant now) throws ConfigParseException {
        entry.requireOnly("pool", "server", "servers", "since", "until", "reason", "owner", "contact");
        String pool = name(required(entry, "pool"));
        if (entry.get("server").isPresent() == entry.get("servers").isPresent()) {
            throw entry.error("a hold names its servers with either 'servers' (a list) or 'server', not "
                    + (entry.get("server").isPresent() ? "both" : "neither"));
        }
        YamlNode serversNode = entry.get("servers").or(() -> optional(entry, "server")).orElseThrow();
        List<String> servers = new ArrayList<>();
        for (String server : serversNode.asTextList()) {
            servers.add(name(serversNode, server));
        }
        if (servers.isEmpty()) {
            throw serversNode.error("a hold names at least one server");
        }
        YamlNode sinceNode = required(entry, "since");
        YamlNode untilNode = required(entry, "until");
        Instant since = time(sinceNode);
        Instant until = time(untilNode);
        if (!until.isAfter(since)) {
            throw untilNode.error("the hold ends (" + untilNode.asText() + ") before it starts (" + sinceNode.asText()
                    + ")");
        }
        if (now != null && since.isAfter(now.plus(CLOCK_SKEW))) {
            throw sinceNode.error("the hold starts in the future (" + sinceNode.asText() + ", now "
                    + now.truncatedTo(ChronoUnit.SECONDS) + "): 'since' is when it was written");
        }
        Duration length = Duration.between(since, until);
        if (length.compareTo(maxDuration) > 0) {
            throw untilNode.error("the hold on " + pool + "/" + String.join(",", servers) + " lasts "
                    + HoldTimes.duration(length) + ", longer than holds.maxDuration " + HoldTimes.duration(maxDuration)
                    + ": shorten it, or extend it later (each extension is reviewed)");
        }
        String reason = text(required(entry, "reason"));
        String owner = text(required(entry, "owner"));
        String contact = entry.get("contact").isPresent() ? name(entry.get("contact").get()) : "";
        List<Hold> holds = new ArrayList<>();
        for (String server : servers) {
            holds.add(new Hold(pool, server, since, until, reason, owner, contact, entry.file(), entry.line()));
        }
        return holds;
    }

    private static java.util.Optional<YamlNode> optional(YamlNode entry, String key) {
        try {
            return entry.get(key);
        } catch (ConfigParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static YamlNode required(YamlNode entry, String key) throws ConfigParseException {
        return entry.get(key).orElseThrow(() -> entry.error("a hold needs '" + key + "'"));
    }

    private static String name(YamlNode node) throws ConfigParseException {
        return name(node, node.asText());
    }

    private static String name(YamlNode node, String value) throws ConfigParseException {
        String trimmed = value == null ? "" : value.trim();
        if (!NAME.matcher(trimmed).matches()) {
            throw node.error("'" + trimmed + "' is not a name: no spaces, slashes or control characters");
        }
        return trimmed;
    }

    private static String text(YamlNode node) throws ConfigParseException {
        String value = node.asText().strip();
        if (value.isEmpty() || value.length() > 500 || value.chars().anyMatch(Character::isISOControl)) {
            throw node.error("must be one line of text, at most 500 characters");
        }
        return value;
    }

    private static Instant time(YamlNode node) throws ConfigParseException {
        String value = node.asText().trim();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw node.error("'" + value + "' is not an absolute time: write it in UTC like 2026-12-03T18:00:00Z");
        }
    }

    /**
     * The file's text for {@code holds}, in file order; holds of one entry (same pool, times, reason, owner and
     * contact) are written as one entry again. Comments other than the header are not kept.
     */
    public static String render(Holds holds) {
        StringBuilder text = new StringBuilder()
                .append("# Planned exceptions: servers out of their pool on purpose until a time (UTC).\n")
                .append("# Written by `release-gate hold`; reviewed like any change (HOLD_ADDED, HOLD_EXTENDED,\n")
                .append("# HOLD_REMOVED). See docs/policy.md.\n")
                .append("version: 1\n");
        if (holds.isEmpty()) {
            return text.append("holds: []\n").toString();
        }
        text.append("holds:\n");
        List<List<Hold>> groups = new ArrayList<>();
        for (Hold hold : holds.holds()) {
            List<Hold> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && sameEntry(last.get(0), hold)) {
                last.add(hold);
            } else {
                groups.add(new ArrayList<>(List.of(hold)));
            }
        }
        for (List<Hold> group : groups) {
            Hold first = group.get(0);
            text.append("  - pool: ").append(scalar(first.pool())).append('\n')
                    .append("    servers: [").append(String.join(", ", group.stream().map(h -> scalar(h.server()))
                            .toList())).append("]\n")
                    .append("    since: ").append(first.since().truncatedTo(ChronoUnit.SECONDS)).append('\n')
                    .append("    until: ").append(first.until().truncatedTo(ChronoUnit.SECONDS)).append('\n')
                    .append("    reason: ").append(scalar(first.reason())).append('\n')
                    .append("    owner: ").append(scalar(first.owner())).append('\n');
            if (!first.contact().isEmpty()) {
                text.append("    contact: ").append(scalar(first.contact())).append('\n');
            }
        }
        return text.toString();
    }

    private static boolean sameEntry(Hold a, Hold b) {
        return a.pool().equals(b.pool()) && a.since().equals(b.since())
                && a.until().equals(b.until()) && a.reason().equals(b.reason()) && a.owner().equals(b.owner())
                && a.contact().equals(b.contact());
    }

    /** A plain scalar when it is safe, else a double-quoted one (JSON escapes are valid YAML). */
    private static String scalar(String value) {
        if (SAFE.matcher(value).matches() && !value.matches("(?i)true|false|yes|no|on|off|null|~|[-+.0-9].*")) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
