package io.releasegate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@link SourceResolver} over the file system. Relative paths are resolved against the root directory; absolute
 * paths are read as they are (real nginx configurations include {@code /etc/nginx/mime.types}). Paths use {@code /}.
 * Globs follow POSIX {@code glob(3)} as nginx uses it: {@code *}, {@code ?} and {@code [..]} (with {@code !} or
 * {@code ^} negation) in any path segment, never matching {@code /}, wildcards never matching a leading dot; results
 * sorted. Returned paths are relative to the root when the pattern was, normalized. Files larger than
 * {@value #MAX_FILE_BYTES} bytes are treated as unreadable.
 */
public final class FileSystemSourceResolver implements SourceResolver {
    /** Largest file read: 64 MiB (a 1,000,000-line HAProxy configuration is about 50 MB). */
    public static final long MAX_FILE_BYTES = 64L << 20;
    private static final int MAX_MATCHES = 10_000;

    private final Path root;

    public FileSystemSourceResolver(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<String> read(String path) {
        try {
            Path file = locate(path);
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | InvalidPathException | SecurityException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> glob(String pattern) {
        boolean absolute = pattern.startsWith("/");
        String[] segments = pattern.split("/");
        List<String> current = new ArrayList<>();
        current.add(absolute ? "/" : "");
        for (String segment : segments) {
            if (segment.isEmpty() || ".".equals(segment)) {
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String base : current) {
                expand(base, segment, next);
                if (next.size() > MAX_MATCHES) {
                    return List.of();
                }
            }
            current = next;
        }
        List<String> files = new ArrayList<>();
        for (String match : current) {
            Path file = match.isEmpty() || "/".equals(match) ? null : locateQuietly(match);
            if (file != null && Files.isRegularFile(file)) {
                files.add(match);
            }
        }
        files.sort(null);
        return List.copyOf(files);
    }

    private void expand(String base, String segment, List<String> into) {
        if (!hasWildcard(segment)) {
            into.add(join(base, segment));
            return;
        }
        Pattern regex = toRegex(segment);
        if (regex == null) {
            return;
        }
        Path directory = locateQuietly(base.isEmpty() ? "." : base);
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") && !segment.startsWith(".")) {
                    continue;
                }
                if (regex.matcher(name).matches()) {
                    into.add(join(base, name));
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable directory matches nothing, as in glob(3) without GLOB_ERR
        }
    }

    private static String join(String base, String name) {
        if (base.isEmpty()) {
            return name;
        }
        return base.endsWith("/") ? base + name : base + "/" + name;
    }

    private static boolean hasWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('[') >= 0;
    }

    /** A glob segment as a regular expression; {@code null} when it cannot match anything. */
    static Pattern toRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < segment.length()) {
            char ch = segment.charAt(i);
            if (ch == '*') {
                regex.append(".*");
            } else if (ch == '?') {
                regex.append('.');
            } else if (ch == '[') {
                int close = segment.indexOf(']', i + 2);
                if (close < 0) {
                    regex.append("\\[");
                } else {
                    String body = segment.substring(i + 1, close);
                    boolean negate = body.startsWith("!") || body.startsWith("^");
                    if (negate) {
                        body = body.substring(1);
                    }
                    regex.append(negate ? "[^" : "[").append(body.replace("\\", "\\\\").replace("[", "\\[")
                            .replace("&&", "\\&\\&")).append(']');
                    i = close;
                }
            } else if (ch == '\\' && i + 1 < segment.length()) {
                i++;
                regex.append(Pattern.quote(String.valueOf(segment.charAt(i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
            i++;
        }
        try {
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private Path locate(String path) {
        Path given = Path.of(path);
        return given.isAbsolute() ? given.normalize() : root.resolve(given).normalize();
    }

    private Path locateQuietly(String path) {
        try {
            return locate(path);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
