package io.releasegate.signoff.sshsig;

/**
 * OpenSSH's pattern lists (ssh_config(5) PATTERNS, match.c): comma-separated patterns with {@code *} and {@code ?}
 * wildcards, each optionally negated with {@code !}. Case-sensitive, as {@code ssh-keygen -Y verify} matches
 * principals and namespaces.
 */
final class PatternList {
    private PatternList() {
    }

    /** True when a pattern matches {@code text} and no negated pattern does (match_pattern_list == 1). */
    static boolean matches(String text, String list) {
        boolean positive = false;
        for (String pattern : list.split(",", -1)) {
            boolean negated = pattern.startsWith("!");
            String body = negated ? pattern.substring(1) : pattern;
            if (matchesOne(text, body)) {
                if (negated) {
                    return false;
                }
                positive = true;
            }
        }
        return positive;
    }

    /** One pattern against the whole text; linear time (no backtracking). */
    static boolean matchesOne(String text, String pattern) {
        int t = 0;
        int p = 0;
        int starP = -1;
        int starT = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                t++;
                p++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
