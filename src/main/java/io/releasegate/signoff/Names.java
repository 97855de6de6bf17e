package io.releasegate.signoff;

import java.util.Locale;

/** Normalisation of user ids, names and mail addresses for case-insensitive matching. */
final class Names {
    private Names() {
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** Lower case, trimmed, inner whitespace collapsed; null stays null. */
    static String key(String text) {
        String value = blankToNull(text);
        return value == null ? null : value.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static boolean same(String left, String right) {
        String a = key(left);
        return a != null && a.equals(key(right));
    }

    /** The part of a mail address before its last {@code @}; null when there is none. */
    static String localPart(String email) {
        String value = blankToNull(email);
        int at = value == null ? -1 : value.lastIndexOf('@');
        return at <= 0 ? null : value.substring(0, at);
    }

    /** {@code sha256:ab12cd34ef56…}: enough of a digest to tell two apart in a sentence. */
    static String shortDigest(String digest) {
        if (digest == null) {
            return "<none>";
        }
        int colon = digest.indexOf(':');
        int keep = colon + 1 + 12;
        return digest.length() > keep ? digest.substring(0, keep) + "…" : digest;
    }
}
