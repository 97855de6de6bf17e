package io.releasegate.config.read;

import io.releasegate.config.FileSystemSourceResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a local configuration file as UTF-8 text, or says in one line, naming the file (and the line where there is
 * one), why it cannot be configuration: missing, a directory, larger than {@link #MAX_BYTES}, binary (a NUL byte) or
 * not valid UTF-8.
 */
final class TextFile {
    /** The largest configuration read: the same limit as for included files. */
    static final long MAX_BYTES = FileSystemSourceResolver.MAX_FILE_BYTES;

    private TextFile() {
    }

    /**
     * @param name the path as the user gave it, for messages
     * @throws IllegalArgumentException with the reason in words
     */
    static String read(Path path, String name) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new IllegalArgumentException(name + ": is a directory, not a configuration file (name the "
                        + "files in it)");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(name + ": too large (" + size + " bytes; configuration files of "
                        + "up to " + (MAX_BYTES >> 20) + " MiB are read)");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + name, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        // the common case, ASCII without a NUL, in one pass; anything else is checked byte by byte
        boolean plain = true;
        for (byte b : bytes) {
            if (b <= 0) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new IllegalArgumentException(name + ":" + lineOf(bytes, i) + ": a binary file (NUL byte at "
                        + "column " + columnOf(bytes, i) + "), not configuration text");
            }
        }
        return decode(bytes, name);
    }

    private static String decode(byte[] bytes, String name) {
        int bad = firstInvalidUtf8(bytes);
        if (bad >= 0) {
            throw new IllegalArgumentException(name + ":" + lineOf(bytes, bad) + ": not valid UTF-8 text (byte 0x"
                    + String.format(Locale.ROOT, "%02X", bytes[bad] & 0xff) + " at column " + columnOf(bytes, bad)
                    + ")");
        }
        // valid: decoding cannot replace anything, and ASCII text stays one byte per character in the String
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or -1. */
    static int firstInvalidUtf8(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                length = 2;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                length = 3;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                length = 4;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + length > n) {
                return i;
            }
            int code = b & (0xff >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = bytes[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    return i;
                }
                code = code << 6 | next & 0x3f;
            }
            if (code < min || code > 0x10ffff || code >= 0xd800 && code <= 0xdfff) {
                return i;
            }
            i += length;
        }
        return -1;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(byte[] bytes, int offset) {
        int start = offset;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        return offset - start + 1;
    }
}
