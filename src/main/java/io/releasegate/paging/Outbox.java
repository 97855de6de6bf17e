package io.releasegate.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releasegate.log.Redaction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
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
 * the file with only what is still undelivered. Writers in several processes are serialised by a lock on
 * {@code <outbox>.lock}.
 */
public final class Outbox {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Map<Path, Object> MONITORS = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path file;
    private final Path lockFile;

    public Outbox(Path file) {
        this.file = file.toAbsolutePath();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
    }

    public Path file() {
        return file;
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
     * atomically rewrites the outbox with the pages still undelivered, including any appended meanwhile.
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
            keep.addAll(after.unreadable);
            replace(keep);
            return new FlushResult(results, after.unreadable, pending.size());
        });
    }

    /** Appends one line at the end (callers hold the lock, so the end cannot move) and fsyncs it. */
    private void appendLine(JsonNode line) throws IOException {
        // a URL's user information (a password in a link or a detail) never reaches the disk
        byte[] bytes = (Redaction.text(PageJson.MAPPER.writeValueAsString(line)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
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
        // a name of our own: Files.createTempFile would start a SecureRandom (tens of ms on the first page)
        Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + SEQUENCE.incrementAndGet() + ".tmp");
        try {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line).append('\n'));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened; the rename itself is atomic
        }
    }

    /** Reads ids and types only; pages are turned into {@link OutboxEntry} when asked for (see Contents). */
    private Contents read() throws IOException {
        Contents contents = new Contents();
        if (!Files.exists(file)) {
            return contents;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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
                } else {
                    contents.unreadable.add(line);
                }
            } catch (JsonProcessingException e) {
                contents.unreadable.add(line);
            }
        }
        return contents;
    }

    private static OutboxEntry entry(String id, JsonNode node) {
        List<String> chain = new ArrayList<>();
        node.path("chain").forEach(name -> chain.add(name.asText()));
        return new OutboxEntry(id, Instant.parse(node.path("queuedAt").asText()), chain,
                PageJson.fromJson(node.path("page")));
    }

    private <T> T withLock(IoAction<T> action) throws IOException {
        Files.createDirectories(lockFile.getParent());
        // a file lock excludes other processes; the monitor excludes other threads of this JVM
        synchronized (MONITORS.computeIfAbsent(lockFile, path -> new Object())) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
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
        private final Set<String> delivered = new LinkedHashSet<>();
        private final List<String> unreadable = new ArrayList<>();

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
                    unreadable.add(rawLines.remove(page.getKey()));
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
