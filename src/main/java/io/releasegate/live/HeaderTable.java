package io.releasegate.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Columns of a table found by their header names, so reordered or extra columns do not matter. */
final class HeaderTable {
    private final Map<String, Integer> index = new HashMap<>();
    private final String what;

    HeaderTable(List<String> header, String what) {
        this.what = what;
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).trim(), i);
        }
    }

    /** Fails with the missing column's name when the header lacks one of {@code names}. */
    void require(String... names) throws LiveStateException {
        for (String name : names) {
            if (!index.containsKey(name)) {
                throw new LiveStateException(what + " has no '" + name + "' column in its header line");
            }
        }
    }

    boolean has(String name) {
        return index.containsKey(name);
    }

    /** The value of column {@code name} in {@code row}, or "" when the column is absent or the row is short. */
    String get(List<String> row, String name) {
        Integer i = index.get(name);
        return i == null || i >= row.size() ? "" : row.get(i).trim();
    }

    /** Splits one CSV line (HAProxy quotes a field with double quotes when it holds a comma or a quote). */
    static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
