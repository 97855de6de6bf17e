package io.releasegate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the HAProxy output captured in src/test/resources/io/releasegate/live (see its README.md). */
public final class Captured {
    private Captured() {
    }

    public static String read(String name) {
        try (InputStream in = Captured.class.getResourceAsStream("/io/releasegate/live/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no captured resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
