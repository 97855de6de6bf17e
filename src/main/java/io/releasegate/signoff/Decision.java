package io.releasegate.signoff;

/** What a reviewer decided about one change. */
public enum Decision {
    APPROVE, REJECT;

    /** Reads {@code approve}/{@code approved}/{@code reject}/{@code rejected}, any case; null when unknown. */
    public static Decision parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "approve", "approved" -> APPROVE;
            case "reject", "rejected" -> REJECT;
            default -> null;
        };
    }
}
