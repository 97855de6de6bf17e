package io.releasegate.config.nginx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The directive names the reference nginx (1.22.1, the Debian 12 build, with its stream module loaded) knows, as
 * that nginx answered {@code nginx -t} for every word of its binary and modules
 * ({@code tools/gen-nginx-directives.py}). A name it does not know is NGINX Plus, a newer nginx, a third-party module
 * or a typo: the parser keeps it and notes it.
 */
final class NginxDirectives {
    private static final String RESOURCE = "directives.txt";
    private static final Set<String> KNOWN;

    static {
        Set<String> names = new HashSet<>();
        try (InputStream in = NginxDirectives.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KNOWN = Set.copyOf(names);
    }

    /** The version the list was made with, for messages. */
    static final String VERSION = "nginx 1.22.1";

    private NginxDirectives() {
    }

    static boolean known(String name) {
        return KNOWN.contains(name);
    }
}
