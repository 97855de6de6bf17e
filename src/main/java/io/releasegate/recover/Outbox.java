package io.releasegate.recover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.UUID;
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
        String id = UUID.randomUUID().toString();
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

    /** Records that the page {@code id} was delivered; empties the outbox when nothing else is pending. */
    public void markDelivered(String id, String contact, Instant at) throws IOException {
        withLock(() -> {
            Contents contents = read();
            contents.delivered.add(id);
            if (contents.pending().isEmpty() && contents.unreadable.isEmpty()) {
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

    private void appendLine(JsonNode line) throws IOException {
        byte[] bytes = (PageJson.MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private void replace(List<String> lines) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line).append('\n'));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
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

    private Contents read() throws IOException {
        Contents contents = new Contents();
        if (!Files.exists(file)) {
            return contents;
        }
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = PageJson.MAPPER.readTree(line);
                String type = node.path("type").asText();
                String id = node.path("id").asText();
                if ("delivered".equals(type) && !id.isEmpty()) {
                    contents.delivered.add(id);
                } else if ("page".equals(type) && !id.isEmpty()) {
                    List<String> chain = new ArrayList<>();
                    node.path("chain").forEach(name -> chain.add(name.asText()));
                    contents.pages.put(id, new OutboxEntry(id, Instant.parse(node.path("queuedAt").asText()),
                            chain, PageJson.fromJson(node.path("page"))));
                    contents.rawLines.put(id, line);
                } else {
                    contents.unreadable.add(line);
                }
            } catch (JsonProcessingException | RuntimeException e) {
                contents.unreadable.add(line);
            }
        }
        return contents;
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
        private final Map<String, OutboxEntry> pages = new LinkedHashMap<>();
        private final Map<String, String> rawLines = new LinkedHashMap<>();
        private final Set<String> delivered = new LinkedHashSet<>();
        private final List<String> unreadable = new ArrayList<>();

        List<OutboxEntry> pending() {
            return pages.values().stream().filter(entry -> !delivered.contains(entry.id())).toList();
        }
    }

    @Override
    public String toString() {
        return "Outbox[" + file + "]";
    }
}
