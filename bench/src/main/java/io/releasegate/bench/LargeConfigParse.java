package io.releasegate.bench;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.FileRules;
import io.releasegate.config.read.LocalConfigs;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One cold measurement, in a fresh JVM, of what {@code release-gate lint FILE} does with a large HAProxy
 * configuration and no {@code files:} rule: read the file, recognise it by content, parse it. The reference, measured
 * in the same JVM just before, is reading the same file into a String once ({@code Files.readString}). Prints one
 * line: lines, bytes, reference ms, parse ms, ratio, pools, servers, and the peak heap in use (the sum of the heap
 * pools' peaks, reset after the reference).
 *
 * <p>Usage: {@code java -Xmx512m -cp benchmarks.jar io.releasegate.bench.LargeConfigParse FILE} (generate the file with
 * {@code LargeConfigParse --generate LINES FILE}).
 */
public final class LargeConfigParse {
    private LargeConfigParse() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && "--generate".equals(args[0])) {
            Files.writeString(Path.of(args[2]), HaproxyConfigGenerator.generate(Integer.parseInt(args[1])),
                    StandardCharsets.UTF_8);
            return;
        }
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        long read = System.nanoTime() - start;
        int length = text.length();
        text = null;
        System.gc();
        resetPeaks();
        long gcBefore = gcMillis();
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        start = System.nanoTime();
        LocalConfigs.Result result = LocalConfigs.read(List.of(file), FileRules.byContent());
        long parse = System.nanoTime() - start;
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
        long gc = gcMillis() - gcBefore;
        long peak = heapPeak();
        if (!result.errors().isEmpty() || result.files().size() != 1) {
            throw new IllegalStateException("not parsed: " + result.errors());
        }
        ConfigFile parsed = result.files().get(0);
        int servers = parsed.pools().stream().mapToInt(pool -> pool.servers().size()).sum();
        System.out.printf(Locale.ROOT, "lines=%d bytes=%d read_ms=%.0f parse_ms=%.0f ratio=%.1f parse_cpu_ms=%.0f "
                        + "gc_ms=%d pools=%d servers=%d peak_heap_mb=%.0f max_heap_mb=%d%n", lineCount(file),
                Files.size(file), read / 1e6, parse / 1e6, (double) parse / read, cpu / 1e6, gc,
                parsed.pools().size(), servers, peak / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
        if (length == 0) {
            throw new IllegalStateException("empty file");
        }
    }

    private static long lineCount(Path file) throws java.io.IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
