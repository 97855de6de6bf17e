package io.releasegate.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the answer of the runtime API command {@code show servers state [<backend>]}: a version line ({@code 1}),
 * a header line {@code # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight ...}, then
 * one space-separated line per server. Columns are found by their header name, so extra or reordered columns are
 * fine.
 */
public final class ServersStateParser {
    private static final String[] REQUIRED = {
        "be_name", "srv_name", "srv_addr", "srv_op_state", "srv_admin_state", "srv_uweight",
    };

    private ServersStateParser() {
    }

    /**
     * The servers of {@code backend} in {@code output}. HAProxy's answer {@code Can't find backend.} gives a backend
     * with {@link LiveBackend#exists()} false.
     *
     * @param source where the text came from, in words, kept in {@link LiveBackend#source()}
     * @throws LiveStateException when the text has no header line, lacks a required column or has a malformed row
     */
    public static LiveBackend parse(String output, String backend, String source) throws LiveStateException {
        String what = "the servers state from " + source;
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.stream().anyMatch(l -> l.startsWith("Can't find backend"))) {
            return new LiveBackend(backend, source, false, List.of());
        }
        int headerAt = -1;
        for (int i = 0; i < lines.size() && headerAt < 0; i++) {
            if (lines.get(i).startsWith("#")) {
                headerAt = i;
            }
        }
        if (headerAt < 0) {
            throw new LiveStateException(what + " is not a servers state table (no '# be_id be_name ...' header), "
                    + "the answer was: " + abbreviate(output));
        }
        HeaderTable table = new HeaderTable(fields(lines.get(headerAt).substring(1)), what);
        table.require(REQUIRED);
        List<LiveServer> servers = new ArrayList<>();
        boolean anyRow = false;
        for (int i = headerAt + 1; i < lines.size(); i++) {
            List<String> row = fields(lines.get(i));
            if (lines.get(i).startsWith("#")) {
                continue;
            }
            anyRow = true;
            if (row.size() < REQUIRED.length) {
                throw new LiveStateException(what + ", row " + (i - headerAt) + ", has " + row.size()
                        + " fields, too few: " + abbreviate(lines.get(i)));
            }
            if (table.get(row, "be_name").equals(backend)) {
                servers.add(server(table, row, what + ", row " + (i - headerAt)));
            }
        }
        return new LiveBackend(backend, source, !servers.isEmpty() || !anyRow, servers);
    }

    private static LiveServer server(HeaderTable table, List<String> row, String where) throws LiveStateException {
        int admin = number(table, row, "srv_admin_state", where);
        OperationalState state;
        try {
            state = HaproxyCodes.operationalState(number(table, row, "srv_op_state", where));
        } catch (LiveStateException e) {
            throw new LiveStateException(where + ": " + e.getMessage(), e);
        }
        String checkDetail = "";
        if (table.has("srv_check_status") && table.has("srv_check_result")) {
            int result = number(table, row, "srv_check_result", where);
            String status = HaproxyCodes.checkStatus(number(table, row, "srv_check_status", where));
            if (result == HaproxyCodes.CHECK_RESULT_FAILED) {
                String words = HaproxyCodes.explainCheck(status);
                checkDetail = words.isEmpty() ? status : status + ", " + words;
            }
        }
        return new LiveServer(table.get(row, "srv_name"), address(table, row), state,
                HaproxyCodes.adminState(admin), HaproxyCodes.adminOrigin(admin),
                number(table, row, "srv_uweight", where), checkDetail);
    }

    private static String address(HeaderTable table, List<String> row) {
        String host = table.get(row, "srv_addr");
        String port = table.get(row, "srv_port");
        if (host.isEmpty() || host.equals("-")) {
            return "";
        }
        String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port.isEmpty() || port.equals("0") || port.equals("-") ? shown : shown + ":" + port;
    }

    private static int number(HeaderTable table, List<String> row, String column, String where)
            throws LiveStateException {
        String value = table.get(row, column);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new LiveStateException(where + ": " + column + " is '" + value + "', not a number", e);
        }
    }

    private static List<String> fields(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.isEmpty() ? "(nothing)" : oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }
}
