package io.releasegate.config.read;

import io.releasegate.config.FileSystemSourceResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a local text file the operator names (a configuration, a policy, an allowed signers file) as UTF-8, or says in
 * one line, naming the file (and the line where there is one), why it cannot be read: missing, a directory, not a
 * regular file (a FIFO would block, a device never end), larger than {@link #MAX_BYTES}, binary (a NUL byte) or not
 * valid UTF-8.
 */
public final class TextFile {
    /** The largest configuration read: the same limit as for included files. */
    static final long MAX_BYTES = FileSystemSourceResolver.MAX_FILE_BYTES;

    private TextFile() {
    }

    /** Reads a configuration file: {@link #read(Path, String, long)} with {@link #MAX_BYTES}. */
    public static String read(Path path, String name) {
        return read(path, name, MAX_BYTES);
    }

    /**
     * @param name     the path as the user gave it, for messages
     * @param maxBytes the largest file read
     * @throws IllegalArgumentException with the reason in words
     */
    public static String read(Path path, String name, long maxBytes) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new IllegalArgumentException(name + ": is a directory, not a configuration file (name the "
                        + "files in it)");
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                throw new IllegalArgumentException(name + ": not a regular file (a device, FIFO or socket), so not"
                        + " a file to read");
            }
            long size = Files.size(path);
            if (size > maxBytes) {
                throw tooLarge(name, Long.toString(size), maxBytes);
            }
            bytes = readAtMost(path, size, maxBytes);
            if (bytes.length > maxBytes) {
                // it grew since its size was read
                throw tooLarge(name, "over " + maxBytes, maxBytes);
            }
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

    /**
     * The file's bytes, in one array of its size when it does not change while read (a 50 MB configuration is held
     * once, not also in the 8 KiB chunks {@code readNBytes(int)} collects); at most {@code maxBytes + 1} bytes.
     */
    private static byte[] readAtMost(Path path, long size, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = new byte[(int) size];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                return Arrays.copyOf(bytes, read);
            }
            byte[] more = in.readNBytes((int) Math.min(maxBytes + 1 - size, Integer.MAX_VALUE - 16L));
            if (more.length == 0) {
                return bytes;
            }
            byte[] all = Arrays.copyOf(bytes, bytes.length + more.length);
            System.arraycopy(more, 0, all, bytes.length, more.length);
            return all;
        }
    }

    private static IllegalArgumentException tooLarge(String name, String size, long maxBytes) {
        return new IllegalArgumentException(name + ": too large (" + size + " bytes; configuration files of up to " + (maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes")
                + " are read)");
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
