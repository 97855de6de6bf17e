package io.releasegate.config.haproxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keywords the reference HAProxy (2.6.12, the Debian 12 build) knows in the {@code global}, {@code defaults},
 * {@code frontend}, {@code backend} and {@code listen} sections, as that HAProxy answered {@code haproxy -c} for
 * every word of its binary ({@code tools/gen-haproxy-keywords.py}), and the keywords it knows only to refuse (removed
 * in earlier releases) with its own reason. Other sections are not checked.
 */
final class HaproxyKeywords {
    private static final String RESOURCE = "keywords.txt";
    private static final Map<String, Set<String>> KNOWN = new HashMap<>();
    private static final Map<String, Map<String, String>> REMOVED = new HashMap<>();

    static {
        try (InputStream in = HaproxyKeywords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                read(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HaproxyKeywords() {
    }

    private static void read(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        }
        if (line.startsWith("removed ")) {
            String[] parts = line.split(" ", 4);
            String keyword = parts[2].substring(0, parts[2].length() - 1);
            REMOVED.computeIfAbsent(parts[1], k -> new HashMap<>()).put(keyword, parts[3]);
            return;
        }
        int colon = line.indexOf(':');
        Set<String> words = new HashSet<>();
        for (String word : line.substring(colon + 1).trim().split(" ")) {
            words.add(word);
        }
        KNOWN.put(line.substring(0, colon), Set.copyOf(words));
    }

    /** Whether the section type's keywords are checked at all. */
    static boolean checked(String sectionType) {
        return KNOWN.containsKey(sectionType);
    }

    /** Whether HAProxy knows the keyword in that section type; true for section types that are not checked. */
    static boolean known(String sectionType, String keyword) {
        Set<String> words = KNOWN.get(sectionType);
        return words == null || words.contains(keyword);
    }

    /** HAProxy's reason for refusing a keyword it no longer supports, if it is one. */
    static Optional<String> removed(String sectionType, String keyword) {
        Map<String, String> removed = REMOVED.get(sectionType);
        return removed == null ? Optional.empty() : Optional.ofNullable(removed.get(keyword));
    }
}
