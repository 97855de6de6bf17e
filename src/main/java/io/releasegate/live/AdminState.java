package io.releasegate.live;

/**
 * The administrative state of a live server, as HAProxy's runtime API sets it ({@code set server B/S state ...}).
 * Derived from the {@code srv_admin_state} bit field of {@code show servers state}: any maintenance bit (forced
 * {@code 0x01}, inherited {@code 0x02}, configuration {@code 0x04}, DNS resolution {@code 0x20}) gives
 * {@link #MAINT}, otherwise any drain bit (forced {@code 0x08}, inherited {@code 0x10}) gives {@link #DRAIN}.
 */
public enum AdminState {
    /** Takes traffic when its health allows it. */
    READY,
    /** Takes no new traffic (only persistent sessions); health checks still run. */
    DRAIN,
    /** Takes no traffic at all; health checks are stopped. */
    MAINT;

    /** The word the runtime API's {@code set server B/S state} command takes: {@code ready}, {@code drain}, {@code maint}. */
    public String command() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
