package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hakmem.api.Allocator;
import org.hakmem.api.AllocatorStats;
import org.hakmem.api.Mode;
import org.hakmem.api.os.NativeMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The release path rule through the whole pipeline: "BigCache retains for warm reuse; on cold eviction, hand off
 * to Batch; only Batch may munmap."
 */
class ReleasePathTest {

    private static final long TWO_MIB = 2 << 20;

    @Test
    void warmBigBlocksAreReusedWithoutAnySyscall() {
        try (Allocator hakmem = Allocators.isolated(Mode.BALANCED).build()) {
            hakmem.free(hakmem.malloc(TWO_MIB));
            AllocatorStats warm = hakmem.stats();
            for (int i = 0; i < 100; i++) {
                long block = hakmem.malloc(TWO_MIB);
                for (long page = 0; page < TWO_MIB; page += 4096) {
                    NativeMemory.putByte(block + page, (byte) i);
                }
                hakmem.free(block);
            }
            AllocatorStats after = hakmem.stats();
            assertEquals(warm.mmapCalls(), after.mmapCalls(), "no mmap in steady state");
            assertEquals(warm.munmapCalls(), after.munmapCalls(), "no munmap in steady state");
            assertEquals(100, after.counter("bigcache", "hits") - warm.counter("bigcache", "hits"));
        }
    }

    /**
     * Blocks between the old mid pool end (256 KiB) and BigCache's 1 MiB once got a mapping of their own per malloc:
     * a 512 KiB free + malloc cost about 8 us (an mmap, a page fault, an munmap through Batch). The mid pool's classes
     * up to 1 MiB keep them warm: no syscall in steady state, in either mode that has the pool.
     */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"BALANCED", "FAST"})
    void blocksUpToOneMibAreReusedWithoutAnySyscall(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            for (long size : new long[] {300 * 1024, 512 * 1024, 1024 * 1024}) {
                hakmem.free(hakmem.malloc(size));
                AllocatorStats warm = hakmem.stats();
                for (int i = 0; i < 100; i++) {
                    long block = hakmem.malloc(size);
                    NativeMemory.putByte(block + size - 1, (byte) i);
                    hakmem.free(block);
                }
                AllocatorStats after = hakmem.stats();
                assertEquals(warm.mmapCalls(), after.mmapCalls(), size + " B: no mmap in steady state");
                assertEquals(warm.munmapCalls(), after.munmapCalls(), size + " B: no munmap in steady state");
            }
        }
    }

    @Test
    void coldChurnEvictsToBatchWhichMadvisesInFlushesAndAloneUnmaps() {
        try (Allocator hakmem = Allocators.isolated(Mode.BALANCED).build()) {
            for (int round = 0; round < 3; round++) {
                long[] blocks = new long[100];
                for (int i = 0; i < blocks.length; i++) {
                    blocks[i] = hakmem.malloc(TWO_MIB);
                    NativeMemory.putByte(blocks[i] + TWO_MIB - 1, (byte) 1);
                }
                for (long block : blocks) {
                    hakmem.free(block);
                }
            }
            AllocatorStats stats = hakmem.stats();
            long evictions = stats.counter("bigcache", "evictions");
            assertTrue(evictions > 0, "the ring keeps 4 per class; the rest are evicted");
            assertTrue(stats.counter("batch", "flushes") > 0, "Batch flushed");
            long madvised = stats.counter("batch", "madvise_calls");
            assertTrue(madvised > 0 && madvised <= evictions,
                    "Batch's madvise calls " + madvised + " for " + evictions + " evicted blocks");
            assertEquals(stats.munmapCalls(), stats.counter("batch", "munmap_calls"), "every munmap is Batch's");
            hakmem.close();
            assertEquals(0, hakmem.stats().bytesMapped());
        }
    }

    @Test
    void mappedBlocksUnderTheBatchMinimumAreUnmappedAtOnceThroughBatch() {
        // Without the mid pool, sizes above 32 KiB get their own mapping; under 64 KiB Batch does not gather it.
        try (Allocator hakmem = Allocators.isolated(Mode.BALANCED).set("HAKMEM_MID_POOL", "0").build()) {
            long block = hakmem.malloc(40_000);
            hakmem.free(block);
            AllocatorStats stats = hakmem.stats();
            assertEquals(1, stats.mmapCalls());
            assertEquals(1, stats.munmapCalls());
            assertEquals(0, stats.bytesMapped());
            assertEquals(1, stats.counter("batch", "blocks_added"));
        }
    }
}
