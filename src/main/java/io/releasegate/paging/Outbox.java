package io.releasegate.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releasegate.log.Redaction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A write-ahead log of pages, one JSON object per line, so that no page is silently lost, even when the process
 * dies mid-delivery. A page is appended (and fsync'd) before it is sent: {@code {"type":"page","id","queuedAt",
 * "chain","page"}}; when it is delivered a marker {@code {"type":"delivered","id","contact","at"}} follows, and when
 * nothing is pending any more the file is emptied. {@link #flush} resends what is pending and atomically replaces
 * the file with only what is still undelivered; a line that cannot be read (not UTF-8, not JSON, not a page or marker:
 * a crash mid-write, a hand edit) does not stop it: it is moved, byte for byte, to the quarantine file
 * {@code <outbox>.quarantine} next to it and reported. Writers in several processes are serialised by a lock on
 * {@code <outbox>.lock}.
 */
public final class Outbox {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Map<Path, Object> MONITORS = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path file;
    private final Path lockFile;
    private final Path quarantine;

    public Outbox(Path file) {
        this.file = file.toAbsolutePath();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.quarantine = this.file.resolveSibling(this.file.getFileName() + ".quarantine");
    }

    public Path file() {
        return file;
    }

    /** Where {@link #flush} moves the lines it cannot read. */
    public Path quarantineFile() {
        return quarantine;
    }

    /** Appends {@code page} as pending for {@code chain}, fsync'd; returns its id. */
    public String append(Page page, List<String> chain, Instant queuedAt) throws IOException {
        String id = newId(queuedAt);
        ObjectNode line = PageJson.MAPPER.createObjectNode().put("type", "page").put("id", id)
                .put("queuedAt", queuedAt.toString());
        chain.forEach(line.putArray("chain")::add);
        line.set("page", PageJson.toJson(page));
        withLock(() -> {
            appendLine(line);
            return null;
        });
        return id;
    }

    /** Unique across processes: time, pid, a per-JVM sequence and 64 random bits (no SecureRandom start-up). */
    private static String newId(Instant at) {
        return Long.toHexString(at.toEpochMilli()) + "-" + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** Records that the page {@code id} was delivered; empties the outbox when nothing else is pending. */
    public void markDelivered(String id, String contact, Instant at) throws IOException {
        withLock(() -> {
            Contents contents = read();
            contents.delivered.add(id);
            if (contents.nothingPending()) {
                replace(List.of());
            } else {
                appendLine(PageJson.MAPPER.createObjectNode().put("type", "delivered").put("id", id)
                        .put("contact", contact).put("at", at.toString()));
            }
            return null;
        });
    }

    /** The pages not yet delivered, oldest first. */
    public List<OutboxEntry> pending() throws IOException {
        return withLock(() -> read().pending());
    }

    /**
     * Resends every pending page with {@code resend} (outside the lock, so other writers are not blocked), then
     * moves the unreadable lines to the quarantine file and atomically rewrites the outbox with the pages still
     * undelivered, including any appended meanwhile. The quarantine file is written (atomically, fsync'd) before the
     * outbox: a crash in between leaves a line in both, never in neither, and the next flush does not quarantine it
     * twice.
     */
    public FlushResult flush(Function<OutboxEntry, PageResult> resend) throws IOException {
        Contents before = withLock(this::read);
        List<PageResult> results = new ArrayList<>();
        Set<String> deliveredNow = new LinkedHashSet<>();
        for (OutboxEntry entry : before.pending()) {
            PageResult result = resend.apply(entry);
            results.add(result);
            if (result.delivered()) {
                deliveredNow.add(entry.id());
            }
        }
        return withLock(() -> {
            Contents after = read();
            after.delivered.addAll(deliveredNow);
            List<String> keep = new ArrayList<>();
            List<OutboxEntry> pending = after.pending();
            for (OutboxEntry entry : pending) {
                keep.add(after.rawLines.get(entry.id()));
            }
            List<String> quarantined = quarantine(after.unreadable);
            replace(keep);
            return new FlushResult(results, quarantined, quarantined.isEmpty() ? null : quarantine, pending.size());
        });
    }

    /** Appends the lines not yet in the quarantine file to it; returns each line's number and problem in words. */
    private List<String> quarantine(List<Unreadable> lines) throws IOException {
        if (lines.isEmpty()) {
            return List.of();
        }
        byte[] before = Files.exists(quarantine) ? Files.readAllBytes(quarantine) : new byte[0];
        Set<String> known = new java.util.HashSet<>();
        for (byte[] line : lines(before)) {
            known.add(java.util.HexFormat.of().formatHex(line));
        }
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        text.writeBytes(before);
        if (before.length > 0 && before[before.length - 1] != '\n') {
            text.write('\n');
        }
        List<String> described = new ArrayList<>();
        for (Unreadable line : lines) {
            if (known.add(java.util.HexFormat.of().formatHex(line.raw()))) {
                text.writeBytes(line.raw());
                text.write('\n');
            }
            described.add("line " + line.number() + ": " + line.problem());
        }
        writeAtomically(quarantine, text.toByteArray());
        return described;
    }

    /** Appends one line at the end (callers hold the lock, so the end cannot move) and fsyncs it. */
    private void appendLine(JsonNode line) throws IOException {
        // a URL's user information (a password in a link or a detail) never reaches the disk
        byte[] bytes = (Redaction.text(PageJson.MAPPER.writeValueAsString(line)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            long end = channel.size();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (end > 0 && !endsWithNewline(channel)) {
                // a line cut short (a crash of some other writer): start on a line of our own
                buffer = ByteBuffer.allocate(bytes.length + 1).put((byte) '\n').put(bytes).flip();
            }
            while (buffer.hasRemaining()) {
                end += channel.write(buffer, end);
            }
            channel.force(true);
        }
    }

    private static boolean endsWithNewline(FileChannel channel) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, channel.size() - 1);
        return last.get(0) == '\n';
    }

    private void replace(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code target} through a temporary file in its directory, fsync'd, then an atomic rename. */
    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        // a name of our own: Files.createTempFile would start a SecureRandom (tens of ms on the first page)
        Path temp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + SEQUENCE.incrementAndGet() + ".tmp");
        boolean created = false;
        try {
            // a new file of our own: never through a link or a file planted under that name
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                created = true;
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
        } catch (FileAlreadyExistsException planted) {
            throw new FileSystemException(temp.toString(), null, "already exists; the outbox writes its temporary"
                    + " files only as new files");
        } finally {
            if (created) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened; the rename itself is atomic
        }
    }

    /**
     * Reads ids and types only, line by line from the bytes (one bad line never hides the others); pages are turned
     * into {@link OutboxEntry} when asked for (see Contents).
     */
    private Contents read() throws IOException {
        Contents contents = new Contents();
        if (!Files.exists(file)) {
            return contents;
        }
        int number = 0;
        for (byte[] raw : lines(Files.readAllBytes(file))) {
            number++;
            String line;
            try {
                line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                contents.unreadable.add(new Unreadable(number, raw, "not valid UTF-8"));
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = PageJson.MAPPER.readTree(line);
                String type = node.path("type").asText();
                String id = node.path("id").asText();
                if ("delivered".equals(type) && !id.isEmpty()) {
                    contents.delivered.add(id);
                } else if ("page".equals(type) && !id.isEmpty() && node.path("page").isObject()) {
                    contents.pages.put(id, node);
                    contents.rawLines.put(id, line);
                    contents.numbers.put(id, number);
                } else {
                    contents.unreadable.add(new Unreadable(number, raw, "valid JSON but not a page or a delivery "
                            + "marker"));
                }
            } catch (JsonProcessingException e) {
                contents.unreadable.add(new Unreadable(number, raw, "not valid JSON ("
                        + e.getOriginalMessage().lines().findFirst().orElse("") + ")"));
            }
        }
        return contents;
    }

    /** The lines of {@code bytes}, split at {@code \n} (a trailing {@code \r} kept), without the last empty one. */
    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start || i < bytes.length) {
                    lines.add(java.util.Arrays.copyOfRange(bytes, start, i));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** A line that cannot be read: its 1-based number, its exact bytes and why. */
    private record Unreadable(int number, byte[] raw, String problem) {
    }

    private static OutboxEntry entry(String id, JsonNode node) {
        List<String> chain = new ArrayList<>();
        node.path("chain").forEach(name -> chain.add(name.asText()));
        return new OutboxEntry(id, Instant.parse(node.path("queuedAt").asText()), chain,
                PageJson.fromJson(node.path("page")));
    }

    private <T> T withLock(IoAction<T> action) throws IOException {
        Files.createDirectories(lockFile.getParent());
        // the outbox usually lies in a checkout of the change under review: a link planted there must not make a
        // run read or write any other file
        for (Path own : List.of(file, lockFile, quarantine)) {
            if (Files.isSymbolicLink(own)) {
                throw new FileSystemException(own.toString(), null, "is a symbolic link; the outbox reads and writes"
                        + " only regular files");
            }
        }
        // a file lock excludes other processes; the monitor excludes other threads of this JVM
        synchronized (MONITORS.computeIfAbsent(lockFile, path -> new Object())) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS); FileLock lock = channel.lock()) {
                return action.run();
            }
        }
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    private static final class Contents {
        private final Map<String, JsonNode> pages = new LinkedHashMap<>();
        private final Map<String, String> rawLines = new LinkedHashMap<>();
        private final Map<String, Integer> numbers = new LinkedHashMap<>();
        private final Set<String> delivered = new LinkedHashSet<>();
        private final List<Unreadable> unreadable = new ArrayList<>();

        /** Undelivered pages, oldest first; a page line that does not map to a page moves to unreadable. */
        List<OutboxEntry> pending() {
            List<OutboxEntry> pending = new ArrayList<>();
            for (Map.Entry<String, JsonNode> page : List.copyOf(pages.entrySet())) {
                if (delivered.contains(page.getKey())) {
                    continue;
                }
                try {
                    pending.add(entry(page.getKey(), page.getValue()));
                } catch (RuntimeException e) {
                    pages.remove(page.getKey());
                    unreadable.add(new Unreadable(numbers.get(page.getKey()), rawLines.remove(page.getKey())
                            .getBytes(StandardCharsets.UTF_8), "a page record whose page cannot be read ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")"));
                }
            }
            return pending;
        }

        boolean nothingPending() {
            return unreadable.isEmpty() && pages.keySet().stream().allMatch(delivered::contains);
        }
    }

    @Override
    public String toString() {
        return "Outbox[" + file + "]";
    }
}
