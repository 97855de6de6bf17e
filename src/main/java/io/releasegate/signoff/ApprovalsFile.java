package io.releasegate.signoff;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.releasegate.config.ConfigParseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The approvals file of {@code release-gate run --approvals FILE}: YAML (or JSON) holding a list of decisions, either
 * at the top level or under {@code approvals:}. Each entry has {@code reviewer}, {@code decision} (approve or
 * reject), {@code digest} and {@code time} (ISO-8601), and optionally {@code groups}, {@code comment}, {@code name},
 * {@code email} and {@code signature} (an armored SSH signature over the entry's {@link ApprovalStatement}; a signed
 * entry needs an email and carries no {@code name} or {@code groups}, which the signature would not cover). See
 * docs/sign-off.md.
 */
public final class ApprovalsFile {
    private static final Set<String> KEYS = Set.of("reviewer", "decision", "digest", "time", "groups", "comment",
            "name", "email", "signature");

    private static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("[a-z0-9]+:[0-9a-fA-F]+");

    private ApprovalsFile() {
    }

    /** Whether {@code text} looks like a change digest ({@code sha256:<hex>}, as {@code release-gate diff} prints). */
    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).matches();
    }

    /** Reads every decision in {@code file}; errors name the file, the line and the key. */
    public static List<Approval> read(Path file) throws ConfigParseException {
        String name = file.toString();
        boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO would block the run, a device never end
            throw new ConfigParseException(name, 0, 0, "not a regular file, so not an approvals file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonParser parser = factory.createParser(reader)) {
            return new EntryReader(name, parser).readFile();
        } catch (JsonProcessingException e) {
            throw new ConfigParseException(name, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigParseException(name, 0, 0, "cannot read the approvals file: " + e.getMessage());
        }
    }

    /**
     * Adds {@code approval} to {@code file} (created when missing) and returns how many decisions it now holds.
     * The file is read first, so an invalid file is never overwritten, then written atomically.
     */
    public static int append(Path file, Approval approval) throws IOException, ConfigParseException {
        List<Approval> all = new ArrayList<>(Files.exists(file) ? read(file) : List.of());
        all.add(approval);
        write(file, all);
        return all.size();
    }

    /**
     * Writes {@code approvals} under {@code approvals:}, as JSON when the name ends in {@code .json} and as YAML
     * otherwise, atomically (temp file, then move).
     */
    public static void write(Path file, List<Approval> approvals) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Approval approval : approvals) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("reviewer", approval.reviewer());
            putIfPresent(entry, "name", approval.fullName());
            putIfPresent(entry, "email", approval.email());
            if (!approval.groups().isEmpty()) {
                entry.put("groups", List.copyOf(approval.groups()));
            }
            entry.put("decision", approval.decision().name().toLowerCase(Locale.ROOT));
            entry.put("digest", approval.digest());
            entry.put("time", approval.time().toString());
            putIfPresent(entry, "comment", approval.comment().isEmpty() ? null : approval.comment());
            putIfPresent(entry, "signature", approval.signature());
            entries.add(entry);
        }
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = (json ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                : new ObjectMapper(YAMLFactory.builder().enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE).build()))
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), ".approvals", ".tmp");
        try {
            mapper.writeValue(temp.toFile(), Map.of("approvals", entries));
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void putIfPresent(Map<String, Object> entry, String key, String value) {
        if (value != null) {
            entry.put(key, value);
        }
    }

    /** Token-level reader, so every error can name the line of the key at fault. */
    private static final class EntryReader {
        private final String file;
        private final JsonParser parser;

        EntryReader(String file, JsonParser parser) {
            this.file = file;
            this.parser = parser;
        }

        List<Approval> readFile() throws IOException, ConfigParseException {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return List.of();
            }
            if (token == JsonToken.START_ARRAY) {
                return readList("");
            }
            if (token != JsonToken.START_OBJECT) {
                throw error(line(), "expected a list of approvals or 'approvals:', found " + parser.getText());
            }
            List<Approval> approvals = List.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line();
                if (!"approvals".equals(key)) {
                    throw error(keyLine, "unknown key '" + key + "'; the file holds 'approvals:' and nothing else");
                }
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw error(keyLine, "'approvals' must be a list of entries");
                }
                approvals = readList("approvals");
            }
            return approvals;
        }

        private List<Approval> readList(String path) throws IOException, ConfigParseException {
            List<Approval> approvals = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                String where = path + "[" + approvals.size() + "]";
                if (token != JsonToken.START_OBJECT) {
                    throw error(line(), where + ": an approval must be a mapping with reviewer, decision, digest"
                            + " and time");
                }
                approvals.add(readEntry(where, line()));
            }
            return approvals;
        }

        private Approval readEntry(String where, int entryLine) throws IOException, ConfigParseException {
            Map<String, List<String>> values = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line();
                if (!KEYS.contains(key)) {
                    throw error(keyLine, where + ": unknown key '" + key + "'; expected one of "
                            + String.join(", ", KEYS.stream().sorted().toList()));
                }
                if (values.containsKey(key)) {
                    throw error(keyLine, where + "." + key + ": given twice");
                }
                lines.put(key, keyLine);
                values.put(key, readValue(where + "." + key, keyLine));
            }
            String reviewer = required(values, lines, "reviewer", where, entryLine);
            String decisionText = required(values, lines, "decision", where, entryLine);
            Decision decision = Decision.parse(decisionText);
            if (decision == null) {
                throw error(lines.get("decision"), where + ".decision: '" + decisionText
                        + "' is neither approve nor reject");
            }
            String digest = required(values, lines, "digest", where, entryLine);
            if (!isDigest(digest)) {
                throw error(lines.get("digest"), where + ".digest: '" + digest
                        + "' is not a digest like sha256:<hex> (copy it from the diff output)");
            }
            Instant time = time(required(values, lines, "time", where, entryLine), lines.get("time"), where);
            String signature = single(values, "signature");
            if (signature != null) {
                for (String unsigned : List.of("groups", "name")) {
                    if (values.containsKey(unsigned)) {
                        throw error(lines.get(unsigned), where + "." + unsigned + ": a signed decision cannot carry"
                                + " '" + unsigned + "' (the signature does not cover it; a key's groups are"
                                + " group:NAME principals in allowed_signers)");
                    }
                }
                if (single(values, "email") == null) {
                    throw error(lines.get("signature"), where + ".email: missing; a signed decision needs the email"
                            + " its key is allowed for in allowed_signers");
                }
            }
            Set<String> groups = new LinkedHashSet<>();
            for (String group : values.getOrDefault("groups", List.of())) {
                for (String part : group.split(",")) {
                    if (!part.isBlank()) {
                        groups.add(part.trim().replaceFirst("^group:", ""));
                    }
                }
            }
            return new Approval(reviewer, groups, decision, single(values, "comment"), time, digest,
                    single(values, "name"), single(values, "email"), signature);
        }

        private List<String> readValue(String where, int keyLine) throws IOException, ConfigParseException {
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY) {
                List<String> items = new ArrayList<>();
                while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (!value.isScalarValue()) {
                        throw error(line(), where + ": expected a list of names");
                    }
                    items.add(parser.getText());
                }
                return items;
            }
            if (value == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (!value.isScalarValue()) {
                throw error(keyLine, where + ": expected a single value");
            }
            return List.of(parser.getText());
        }

        private String required(Map<String, List<String>> values, Map<String, Integer> lines, String key,
                String where, int entryLine) throws ConfigParseException {
            String value = single(values, key);
            if (value == null) {
                int at = lines.getOrDefault(key, entryLine);
                throw error(at, where + "." + key + ": missing; every approval needs reviewer, decision, digest"
                        + " and time");
            }
            return value;
        }

        private static String single(Map<String, List<String>> values, String key) {
            List<String> list = values.get(key);
            if (list == null || list.isEmpty() || list.get(0).isBlank()) {
                return null;
            }
            return list.size() == 1 ? list.get(0).trim() : String.join(", ", list);
        }

        private Instant time(String text, int at, String where) throws ConfigParseException {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw error(at, where + ".time: '" + text + "' is not an ISO-8601 time like 2026-11-24T04:00:00Z");
            }
        }

        private int line() {
            return parser.currentTokenLocation().getLineNr();
        }

        private ConfigParseException error(int line, String reason) {
            return new ConfigParseException(file, line, 0, reason);
        }
    }
}
