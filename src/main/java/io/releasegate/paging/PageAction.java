package io.releasegate.paging;

import java.util.Locale;

/** Whether a page opens an alert or resolves the alert with the same dedup key. */
public enum PageAction {
    TRIGGER, RESOLVE;

    /** The lower-case name used on the wire ({@code trigger}, {@code resolve}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
