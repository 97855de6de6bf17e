package io.releasegate.live;

import java.io.Serializable;

/**
 * Who answers on the runtime API socket: HAProxy's {@code show info} {@code Pid}, {@code Uptime_sec} and
 * {@code Version}. A new pid (or an uptime that went back) means HAProxy was restarted, and every state set through
 * the runtime API (MAINT, DRAIN, weights) was reset to the configuration.
 *
 * @param pid           the process id
 * @param uptimeSeconds seconds since it started
 * @param version       its version
 */
public record ProcessInfo(long pid, long uptimeSeconds, String version) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Parses the {@code Name: value} lines of {@code show info}. */
    public static ProcessInfo parse(String answer, String source) throws LiveStateException {
        long pid = -1;
        long uptime = -1;
        String version = "";
        for (String line : answer.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            try {
                switch (name) {
                    case "Pid" -> pid = Long.parseLong(value);
                    case "Uptime_sec" -> uptime = Long.parseLong(value);
                    case "Version" -> version = value;
                    default -> {
                        // the other fields are not needed
                    }
                }
            } catch (NumberFormatException e) {
                throw new LiveStateException(source + " answered 'show info' with " + name + " '" + value
                        + "', not a number");
            }
        }
        if (pid < 0 || uptime < 0) {
            throw new LiveStateException(source + " answered 'show info' without Pid and Uptime_sec: "
                    + (answer.length() > 200 ? answer.substring(0, 200) + "..." : answer.strip()));
        }
        return new ProcessInfo(pid, uptime, version);
    }

    /** Whether {@code later} is another process than this one: another pid, or an uptime that went back. */
    public boolean restartedAs(ProcessInfo later) {
        return later.pid != pid || later.uptimeSeconds < uptimeSeconds;
    }
}
