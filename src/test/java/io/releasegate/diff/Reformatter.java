package io.releasegate.diff;

import io.releasegate.config.ConfigFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Rewrites a configuration without changing what it means, the way people reformat: other indentation, comments
 * and blank lines added, trailing blanks, servers of a pool reordered, and sections reordered where the order does
 * not matter (HAProxy proxies between the same two {@code defaults}, nginx {@code upstream} blocks). Lines inside a
 * quoted string, ending in a backslash or inside an HAProxy {@code .if} are not touched.
 */
final class Reformatter {
    private static final Pattern HAPROXY_SECTION = Pattern.compile("^\\s*(global|defaults|frontend|backend|listen"
            + "|userlist|peers|resolvers|mailers|cache|fcgi-app|program|http-errors|ring|log-forward)(\\s.*)?$");
    private static final Pattern HAPROXY_SERVER = Pattern.compile("^\\s*server\\s.*$");
    private static final Pattern NGINX_SERVER = Pattern.compile("^\\s*server\\s[^;{}#\"'\\\\]*;\\s*$");
    private static final Pattern NGINX_UPSTREAM = Pattern.compile("^\\s*upstream\\s+[^\\s{;]+\\s*\\{\\s*$");
    private static final String[] INDENTS = {"", " ", "    ", "\t", "  \t", "        "};

    private final Random random;
    private final ConfigFormat format;

    Reformatter(long seed, ConfigFormat format) {
        this.random = new Random(seed);
        this.format = format;
    }

    String reformat(String content) {
        List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
        boolean finalNewline = content.endsWith("\n");
        if (finalNewline) {
            lines.remove(lines.size() - 1);
        }
        boolean[] clean = format == ConfigFormat.HAPROXY ? haproxyClean(lines) : nginxClean(lines);
        List<List<String>> blocks = format == ConfigFormat.HAPROXY ? haproxySections(lines, clean)
                : nginxBlocks(lines, clean);
        List<String> out = new ArrayList<>();
        for (List<String> block : blocks) {
            out.addAll(block);
        }
        String text = String.join("\n", out) + (finalNewline ? "\n" : "");
        return text;
    }

    /** HAProxy: a line is clean outside .if blocks and when it does not end in a backslash. */
    private static boolean[] haproxyClean(List<String> lines) {
        boolean[] clean = new boolean[lines.size()];
        int depth = 0;
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).trim();
            if (trimmed.startsWith(".if")) {
                depth++;
            }
            clean[i] = depth == 0 && !trimmed.endsWith("\\") && !trimmed.startsWith(".");
            if (trimmed.startsWith(".endif")) {
                depth--;
            }
        }
        return clean;
    }

    /** nginx: a line is clean when it starts and ends outside a quoted string and does not end in a backslash. */
    private static boolean[] nginxClean(List<String> lines) {
        boolean[] clean = new boolean[lines.size()];
        char quote = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean startsOutside = quote == 0;
            boolean tokenStart = true;
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if (quote != 0) {
                    if (c == '\\') {
                        k++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                    continue;
                }
                if (c == '\\') {
                    k++;
                    tokenStart = false;
                } else if (c == '#' && tokenStart) {
                    break;
                } else if ((c == '"' || c == '\'') && tokenStart) {
                    quote = c;
                } else {
                    tokenStart = Character.isWhitespace(c) || c == ';' || c == '{' || c == '}';
                }
            }
            clean[i] = startsOutside && quote == 0 && !line.trim().endsWith("\\");
        }
        return clean;
    }

    private List<List<String>> haproxySections(List<String> lines, boolean[] clean) {
        boolean conditional = false;
        for (boolean c : clean) {
            conditional |= !c;
        }
        List<List<String>> sections = new ArrayList<>();
        List<String> current = new ArrayList<>();
        List<Boolean> currentClean = new ArrayList<>();
        List<List<String>> region = new ArrayList<>();
        List<String> head = new ArrayList<>();
        boolean started = false;
        for (int i = 0; i <= lines.size(); i++) {
            boolean header = i < lines.size() && HAPROXY_SECTION.matcher(lines.get(i)).matches();
            if (i == lines.size() || header) {
                if (started) {
                    List<String> section = touch(current, currentClean, HAPROXY_SERVER);
                    boolean isDefaults = current.get(0).trim().startsWith("defaults");
                    if (isDefaults) {
                        flush(region, sections, conditional);
                        sections.add(section);
                    } else {
                        region.add(section);
                    }
                } else {
                    head.addAll(touch(current, currentClean, HAPROXY_SERVER));
                }
                current = new ArrayList<>();
                currentClean = new ArrayList<>();
                started = started || header;
            }
            if (i < lines.size()) {
                current.add(lines.get(i));
                currentClean.add(clean[i]);
            }
        }
        flush(region, sections, conditional);
        sections.add(0, head);
        return sections;
    }

    private void flush(List<List<String>> region, List<List<String>> into, boolean keepOrder) {
        if (!keepOrder) {
            Collections.shuffle(region, random);
        }
        into.addAll(region);
        region.clear();
    }

    /** Re-indents, adds blanks and comments, and shuffles runs of server lines, in clean lines only. */
    private List<String> touch(List<String> lines, List<Boolean> clean, Pattern server) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (clean.get(i) && server.matcher(lines.get(i)).matches()) {
                int end = i;
                while (end < lines.size() && clean.get(end) && server.matcher(lines.get(end)).matches()) {
                    end++;
                }
                List<String> run = new ArrayList<>(lines.subList(i, end));
                Collections.shuffle(run, random);
                run.forEach(line -> out.add(line(line)));
                i = end;
                continue;
            }
            out.add(clean.get(i) ? line(lines.get(i)) : lines.get(i));
            if (clean.get(i) && random.nextInt(8) == 0) {
                out.add(random.nextBoolean() ? "" : INDENTS[random.nextInt(INDENTS.length)] + "# added by a reformat");
            }
            i++;
        }
        return out;
    }

    private String line(String line) {
        String body = line.strip();
        if (body.isEmpty()) {
            return random.nextBoolean() ? "" : " \t";
        }
        String text = INDENTS[random.nextInt(INDENTS.length)] + body;
        switch (random.nextInt(4)) {
            case 0 -> text += "  ";
            case 1 -> text += "\t";
            case 2 -> text += body.startsWith("#") ? "" : "   # trailing comment";
            default -> {
                // as it was
            }
        }
        return text;
    }

    private List<List<String>> nginxBlocks(List<String> lines, boolean[] clean) {
        List<Boolean> flags = new ArrayList<>();
        for (boolean c : clean) {
            flags.add(c);
        }
        List<String> touched = touch(lines, flags, NGINX_SERVER);
        // upstream blocks that follow each other (blank and comment lines between them allowed) are reordered
        List<List<String>> blocks = new ArrayList<>();
        List<List<String>> run = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        int i = 0;
        while (i < touched.size()) {
            int end = NGINX_UPSTREAM.matcher(touched.get(i)).matches() ? closing(touched, i) : -1;
            if (end > 0) {
                List<String> block = new ArrayList<>(pending);
                pending.clear();
                block.addAll(touched.subList(i, end + 1));
                run.add(block);
                i = end + 1;
                continue;
            }
            String trimmed = touched.get(i).trim();
            if (!run.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                pending.add(touched.get(i));
                i++;
                continue;
            }
            Collections.shuffle(run, random);
            blocks.addAll(run);
            run.clear();
            blocks.add(new ArrayList<>(pending));
            pending.clear();
            blocks.add(List.of(touched.get(i)));
            i++;
        }
        Collections.shuffle(run, random);
        blocks.addAll(run);
        blocks.add(pending);
        return blocks;
    }

    /** The line of the brace that closes the block opened on line {@code start}, or -1 when it is not plain. */
    private static int closing(List<String> lines, int start) {
        int depth = 0;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.indexOf('"') >= 0 || line.indexOf('\'') >= 0 || line.indexOf('\\') >= 0) {
                return -1;
            }
            String code = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            for (char c : code.toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (depth == 0) {
                        return code.trim().equals("}") ? i : -1;
                    }
                }
            }
        }
        return -1;
    }
}
