package io.releasegate.config.nginx;

import java.util.ArrayDeque;
import java.util.Deque;

/** Include path arithmetic with {@code /} separators, independent of the platform, as for paths in git. */
final class NginxPaths {
    private NginxPaths() {
    }

    /** {@code target} if absolute, else {@code prefix + target}; normalized. */
    static String resolve(String prefix, String target) {
        return normalize(target.startsWith("/") ? target : prefix + target);
    }

    static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0;
    }

    /** Removes {@code .} and empty segments and folds {@code dir/..}; keeps leading {@code ..} of relative paths. */
    static String normalize(String path) {
        String unified = path;
        boolean absolute = unified.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : unified.split("/")) {
            if (part.isEmpty() || ".".equals(part)) {
                continue;
            }
            if ("..".equals(part)) {
                if (!parts.isEmpty() && !"..".equals(parts.peekLast())) {
                    parts.removeLast();
                } else if (!absolute) {
                    parts.addLast(part);
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined;
    }
}
