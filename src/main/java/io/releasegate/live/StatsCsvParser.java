package io.releasegate.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses HAProxy's stats CSV ({@code show stat} on the runtime API, or {@code /stats;csv} on the stats page): a
 * header line {@code # pxname,svname,...} then one row per proxy and server. Columns are found by their header name
 * ({@code pxname}, {@code svname}, {@code status}, {@code weight}, optional {@code uweight}, {@code addr},
 * {@code check_status}, {@code check_code}, {@code check_desc}), so extra and reordered columns are fine. The
 * {@code FRONTEND} and {@code BACKEND} rows are skipped.
 *
 * <p>The {@code status} column is read as HAProxy 2.6 writes it: {@code UP}, {@code DOWN}, {@code NOLB},
 * {@code DRAIN}, {@code MAINT}, {@code MAINT (via B/S)}, {@code MAINT (resolution)}, {@code no check}, a
 * transition such as {@code UP 1/3} or {@code DOWN 1/2}, or an agent state such as {@code DOWN (agent)}.
 */
public final class StatsCsvParser {
    private StatsCsvParser() {
    }

    /**
     * The servers of {@code backend} in {@code csv}.
     *
     * @param source where the text came from, in words, kept in {@link LiveBackend#source()}
     * @throws LiveStateException when the text has no header line, lacks a required column or has a malformed row
     */
    public static LiveBackend parse(String csv, String backend, String source) throws LiveStateException {
        String what = "the stats CSV from " + source;
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("#")) {
            throw new LiveStateException(what + " is not HAProxy stats CSV (no '# pxname,svname,...' header), "
                    + "the answer was: " + ServersStateParser.abbreviate(csv));
        }
        HeaderTable table = new HeaderTable(HeaderTable.splitCsv(lines.get(0).substring(1)), what);
        table.require("pxname", "svname", "status", "weight");
        List<LiveServer> servers = new ArrayList<>();
        boolean exists = false;
        for (int i = 1; i < lines.size(); i++) {
            List<String> row = HeaderTable.splitCsv(lines.get(i));
            if (!table.get(row, "pxname").equals(backend)) {
                continue;
            }
            exists = true;
            String svname = table.get(row, "svname");
            if (svname.equals("FRONTEND") || svname.equals("BACKEND")) {
                continue;
            }
            servers.add(server(table, row, what + ", line " + (i + 1)));
        }
        return new LiveBackend(backend, source, exists, servers);
    }

    private static LiveServer server(HeaderTable table, List<String> row, String where) throws LiveStateException {
        String status = table.get(row, "status");
        int weight = weight(table, row, where);
        String upper = status.toUpperCase(Locale.ROOT);
        AdminState admin = AdminState.READY;
        String origin = "";
        OperationalState state;
        if (upper.startsWith("MAINT")) {
            admin = AdminState.MAINT;
            state = OperationalState.DOWN;
            origin = maintOrigin(status);
        } else if (upper.startsWith("DRAIN")) {
            state = OperationalState.UP;
            admin = AdminState.DRAIN;
            origin = upper.contains("AGENT") ? "set by its agent check"
                    : "set by the runtime API or inherited from the server it tracks";
        } else if (upper.startsWith("UP") || upper.equals("NO CHECK")) {
            state = OperationalState.UP;
        } else if (upper.startsWith("NOLB")) {
            state = OperationalState.STOPPING;
        } else if (upper.startsWith("DOWN")) {
            state = OperationalState.DOWN;
        } else {
            throw new LiveStateException(where + ": unknown server status '" + status + "'");
        }
        return new LiveServer(table.get(row, "svname"), table.get(row, "addr"), state, admin, origin, weight,
                state == OperationalState.DOWN && admin == AdminState.READY ? checkDetail(table, row, status) : "");
    }

    private static String maintOrigin(String status) {
        int via = status.indexOf("(via ");
        if (via >= 0) {
            return "inherited from the server it tracks, " + status.substring(via + 5).replace(")", "").strip();
        }
        if (status.toLowerCase(Locale.ROOT).contains("resolution")) {
            return "its address did not resolve in DNS";
        }
        return "set by the runtime API or disabled in the live configuration";
    }

    private static String checkDetail(HeaderTable table, List<String> row, String status) {
        String check = table.get(row, "check_status").replace("*", "").strip();
        String code = table.get(row, "check_code");
        String desc = table.get(row, "check_desc");
        StringBuilder detail = new StringBuilder(check);
        if (!code.isEmpty()) {
            detail.append(detail.length() > 0 ? " " : "").append(code);
        }
        String words = desc.isEmpty() ? HaproxyCodes.explainCheck(check) : desc;
        if (!words.isEmpty()) {
            detail.append(detail.length() > 0 ? ", " : "").append(words);
        }
        if (status.toUpperCase(Locale.ROOT).contains("AGENT")) {
            detail.append(detail.length() > 0 ? ", " : "").append("its agent check reports it down");
        }
        return detail.toString();
    }

    private static int weight(HeaderTable table, List<String> row, String where) throws LiveStateException {
        String value = table.get(row, "uweight");
        if (value.isEmpty()) {
            value = table.get(row, "weight");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new LiveStateException(where + ": weight is '" + value + "', not a number", e);
        }
    }
}
