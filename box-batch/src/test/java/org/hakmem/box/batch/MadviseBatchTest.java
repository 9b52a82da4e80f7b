package org.hakmem.box.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hakmem.api.os.Advice;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.os.OsStats;
import org.hakmem.api.os.Rusage;
import org.hakmem.api.spi.StandaloneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MadviseBatchTest {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private StandaloneContext context;
    private MadviseBatch batch;

    private MadviseBatch batch(Map<String, String> overrides) {
        context = StandaloneContext.builder().declared(new MadviseBatchProvider().settings()).set(overrides).build();
        batch = (MadviseBatch) new MadviseBatchProvider().create(context);
        return batch;
    }

    @AfterEach
    void closeBatch() {
        if (batch != null) {
            batch.close();
        }
    }

    private long count(String name) {
        return context.count(name);
    }

    private boolean mapped(long base, long length) {
        return context.os().isMapped(base, length);
    }

    @Test
    void unusedRangesAreUnmappedAtOnceWithoutAdvice() {
        batch(Map.of());
        long block = context.os().mmap(4 * MIB);
        batch.releaseUnused(block, 4 * MIB);
        assertFalse(mapped(block, 4 * MIB), "never-touched ends of a mapping go at once, however large");
        assertEquals(1, count("munmap_calls"));
        assertEquals(0, count("madvise_calls"));
        assertEquals(4 * MIB, count("bytes_released"));
    }

    @Test
    void smallBlocksAreUnmappedAtOnce() {
        batch(Map.of());
        long block = context.os().mmap(16 * KIB);
        batch.release(block, 16 * KIB);
        assertFalse(mapped(block, 16 * KIB), "a block under HAKMEM_BATCH_MIN_SIZE must be gone at once");
        assertEquals(1, count("blocks_added"));
        assertEquals(1, count("munmap_calls"));
        assertEquals(16 * KIB, count("bytes_released"));
        batch.flush();
        assertEquals(0, count("flushes"), "an idle flush with nothing gathered or cold is not counted");
        assertEquals(0, count("bytes_pending"));
    }

    @Test
    void largeBlocksGatherUntilTheByteThresholdThenFlushOnce() {
        batch(Map.of("HAKMEM_BATCH_THRESHOLD", "256K"));
        long[] blocks = new long[4];
        for (int i = 0; i < 3; i++) {
            blocks[i] = context.os().mmap(64 * KIB);
            batch.release(blocks[i], 64 * KIB);
        }
        assertEquals(0, count("flushes"));
        assertEquals(192 * KIB, count("bytes_pending"));
        assertEquals(0, count("madvise_calls"));
        for (int i = 0; i < 3; i++) {
            assertTrue(mapped(blocks[i], 64 * KIB), "gathered blocks stay mapped until a flush");
        }
        blocks[3] = context.os().mmap(64 * KIB);
        batch.release(blocks[3], 64 * KIB);
        assertEquals(1, count("flushes"));
        assertEquals(0, count("bytes_pending"));
        assertEquals(256 * KIB, count("bytes_cold"));
        assertTrue(count("madvise_calls") >= 1);
        assertEquals(0, count("munmap_calls"), "the first flush only advises");
        assertEquals(4, count("blocks_added"));
    }

    @Test
    void theEntryLimitAlsoTriggersAFlush() {
        batch(Map.of("HAKMEM_BATCH_MAX_ENTRIES", "3", "HAKMEM_BATCH_THRESHOLD", "1G"));
        for (int i = 0; i < 2; i++) {
            batch.release(context.os().mmap(64 * KIB), 64 * KIB);
        }
        assertEquals(0, count("flushes"));
        batch.release(context.os().mmap(64 * KIB), 64 * KIB);
        assertEquals(1, count("flushes"));
        assertEquals(0, count("bytes_pending"));
        assertEquals(192 * KIB, count("bytes_cold"));
    }

    @Test
    void adjacentPiecesAreAdvisedAndUnmappedAsOneRun() {
        batch(Map.of("HAKMEM_BATCH_THRESHOLD", "1G"));
        int pieces = 16;
        long piece = 64 * KIB;
        long region = context.os().mmap(pieces * piece);
        // Out of address order, as frees come in real programs.
        for (int i = 0; i < pieces; i++) {
            int index = (i * 7) % pieces;
            batch.release(region + index * piece, piece);
        }
        batch.flush();
        long advised = count("madvise_calls");
        assertEquals(batch.usesDontneed() ? 2 : 1, advised, "one madvise for the whole run (plus a refused MADV_FREE)");
        assertTrue(advised < pieces);
        batch.flush();
        assertEquals(1, count("munmap_calls"), "one munmap for the whole run");
        assertEquals(pieces * piece, count("bytes_released"));
        assertFalse(mapped(region, pieces * piece));
    }

    @Test
    void munmapIsDeferredToTheNextFlush() {
        batch(Map.of("HAKMEM_BATCH_THRESHOLD", "1G"));
        long first = context.os().mmap(MIB);
        batch.release(first, MIB);
        batch.flush();
        assertTrue(mapped(first, MIB), "advised but not yet cold: still mapped");
        assertEquals(MIB, count("bytes_cold"));
        assertEquals(0, count("munmap_calls"));
        assertEquals(0, count("bytes_released"));

        long second = context.os().mmap(2 * MIB);
        batch.release(second, 2 * MIB);
        batch.flush();
        assertFalse(mapped(first, MIB), "cold for a whole flush period: unmapped");
        assertTrue(mapped(second, 2 * MIB));
        assertEquals(1, count("munmap_calls"));
        assertEquals(MIB, count("bytes_released"));
        assertEquals(2 * MIB, count("bytes_cold"));
        assertEquals(2, count("flushes"));

        batch.flush();
        assertFalse(mapped(second, 2 * MIB), "a flush with nothing gathered still unmaps what has gone cold");
        assertEquals(0, count("bytes_cold"));
        assertEquals(3 * MIB, count("bytes_released"));
    }

    @Test
    void closeUnmapsEverythingPendingAndCold() {
        batch(Map.of("HAKMEM_BATCH_THRESHOLD", "1G"));
        long cold = context.os().mmap(MIB);
        batch.release(cold, MIB);
        batch.flush();
        long pending = context.os().mmap(256 * KIB);
        batch.release(pending, 256 * KIB);
        long small = context.os().mmap(8 * KIB);
        batch.release(small, 8 * KIB);

        batch.close();
        assertFalse(mapped(cold, MIB));
        assertFalse(mapped(pending, 256 * KIB));
        assertEquals(0, count("bytes_pending"));
        assertEquals(0, count("bytes_cold"));
        assertEquals(MIB + 256 * KIB + 8 * KIB, count("bytes_released"));

        long late = context.os().mmap(MIB);
        batch.release(late, MIB);
        assertFalse(mapped(late, MIB), "after close nobody will flush, so a release is unmapped at once");
        batch.flush();
        batch.close();
        assertEquals(2 * MIB + 256 * KIB + 8 * KIB, count("bytes_released"));
    }

    @Test
    void batchingOffUnmapsEveryReleaseAtOnce() {
        batch(Map.of("HAKMEM_BATCH", "off"));
        long block = context.os().mmap(2 * MIB);
        batch.release(block, 2 * MIB);
        assertFalse(mapped(block, 2 * MIB));
        assertEquals(1, count("munmap_calls"));
        assertEquals(0, count("madvise_calls"));
        assertEquals(0, count("flushes"));
    }

    @Test
    void lengthsAreRoundedToWholePagesAndBadRangesAreRefused() {
        batch(Map.of());
        long page = context.os().pageSize();
        long block = context.os().mmap(2 * page);
        assertThrows(IllegalArgumentException.class, () -> batch.release(0, page));
        assertThrows(IllegalArgumentException.class, () -> batch.release(block + 8, page));
        assertThrows(IllegalArgumentException.class, () -> batch.release(block, -1));
        assertThrows(IllegalArgumentException.class, () -> batch.release(block, 0));
        assertEquals(0, count("blocks_added"), "a refused range is not taken over");
        batch.release(block, page + 1);
        assertFalse(mapped(block, 2 * page));
        assertEquals(2 * page, count("bytes_released"));
    }

    @Test
    void aRefusedMadvFreeFallsBackToDontneedAndIsRemembered() {
        RefusingFree os = new RefusingFree(OsLayer.create());
        context = StandaloneContext.builder().declared(new MadviseBatchProvider().settings())
                .set("HAKMEM_BATCH_THRESHOLD", "1G").os(os).build();
        batch = new MadviseBatch(context);

        batch.release(os.mmap(MIB), MIB);
        batch.flush();
        assertEquals(2, count("madvise_calls"), "MADV_FREE refused, then MADV_DONTNEED");
        assertTrue(batch.usesDontneed());
        batch.release(os.mmap(MIB), MIB);
        batch.flush();
        assertEquals(3, count("madvise_calls"), "later flushes go straight to MADV_DONTNEED");
        assertEquals(1, os.freeAttempts.get());
        assertEquals(2, os.dontneedCalls.get());
    }

    @Test
    void concurrentReleasesReleaseEveryByteExactlyOnce() throws Exception {
        batch(Map.of("HAKMEM_BATCH_THRESHOLD", "1M", "HAKMEM_BATCH_MAX_ENTRIES", "16"));
        long[] sizes = {16 * KIB, 64 * KIB, 128 * KIB, 256 * KIB, 60 * KIB};
        int threads = 8;
        int perThread = 40;
        List<Callable<Long>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            workers.add(() -> {
                long released = 0;
                for (int i = 0; i < perThread; i++) {
                    long length = sizes[(seed + i) % sizes.length];
                    batch.release(context.os().mmap(length), length);
                    released += length;
                    if (i % 13 == seed) {
                        batch.flush();
                    }
                }
                return released;
            });
        }
        long expected = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Long> released : pool.invokeAll(workers)) {
                expected += released.get();
            }
        }
        batch.close();
        assertEquals((long) threads * perThread, count("blocks_added"));
        assertEquals(expected, count("bytes_released"));
        assertEquals(0, count("bytes_pending"));
        assertEquals(0, count("bytes_cold"));
        assertTrue(count("flushes") > 0);
    }

    /** The real OS layer, except that the kernel "predates Linux 4.5" and refuses MADV_FREE. */
    private static final class RefusingFree implements OsLayer {
        private final OsLayer os;
        final AtomicInteger freeAttempts = new AtomicInteger();
        final AtomicInteger dontneedCalls = new AtomicInteger();

        RefusingFree(OsLayer os) {
            this.os = os;
        }

        @Override
        public long transparentHugePageSize() {
            return os.transparentHugePageSize();
        }

        @Override
        public boolean madvise(long address, long length, Advice advice) {
            if (advice == Advice.FREE) {
                freeAttempts.incrementAndGet();
                return false;
            }
            if (advice == Advice.DONTNEED) {
                dontneedCalls.incrementAndGet();
            }
            return os.madvise(address, length, advice);
        }

        @Override
        public long pageSize() {
            return os.pageSize();
        }

        @Override
        public long mmap(long length) {
            return os.mmap(length);
        }

        @Override
        public boolean isMapped(long address, long length) {
            return os.isMapped(address, length);
        }

        @Override
        public Rusage rusage() {
            return os.rusage();
        }

        @Override
        public long rssBytes() {
            return os.rssBytes();
        }

        @Override
        public long malloc(long size) {
            return os.malloc(size);
        }

        @Override
        public long calloc(long count, long size) {
            return os.calloc(count, size);
        }

        @Override
        public void free(long address) {
            os.free(address);
        }

        @Override
        public OsStats stats() {
            return os.stats();
        }
    }
}
