package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hakmem.api.Allocator;
import org.hakmem.api.AllocatorStats;
import org.hakmem.api.Mode;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.RegionTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Owns the tiny pool's memory bound: after a random-mixed workload reaches steady state, the SuperSlabs mapped stay
 * within 1.5 x the bytes live plus the stated fixed overhead: one SuperSlab that is never given back, and per thread
 * its current and spare slab of each class (16 x 64 KiB) and its free lists and fronts (248 000 bytes,
 * {@link PoolStressTest#CACHE_BOUND_PER_HEAP}).
 */
class TinyMemoryTest {

    static final long FIXED_OVERHEAD = RegionTable.REGION_SIZE + 16 * 64 * 1024 + PoolStressTest.CACHE_BOUND_PER_HEAP;

    @ParameterizedTest
    @ValueSource(ints = {256, 4_096, 50_000})
    void mappedStaysWithinOneAndAHalfTimesLivePlusTheFixedOverhead(int workset) {
        try (Allocator hakmem = Allocators.isolated(Mode.FAST).build()) {
            SplittableRandom random = new SplittableRandom(workset);
            long[] blocks = new long[workset];
            for (int i = 0; i < workset; i++) {
                blocks[i] = hakmem.malloc(random.nextInt(16, 1017));
            }
            for (int op = 0; op < 20 * workset + 200_000; op++) {
                int slot = random.nextInt(workset);
                hakmem.free(blocks[slot]);
                blocks[slot] = hakmem.malloc(random.nextInt(16, 1017));
                NativeMemory.putByte(blocks[slot], (byte) op);
            }
            AllocatorStats stats = hakmem.stats();
            long mapped = stats.counter("tinypool", "superslabs") * RegionTable.REGION_SIZE;
            long live = stats.bytesLive();
            System.out.printf("tiny random-mixed, workset %d: %d bytes live, %d bytes in SuperSlabs (%.2f x live),"
                    + " %d cached%n", workset, live, mapped, (double) mapped / live,
                    stats.counter("tinypool", "cached_bytes"));
            assertTrue(mapped <= 1.5 * live + FIXED_OVERHEAD, "workset " + workset + ": " + mapped
                    + " bytes mapped for " + live + " bytes live");
            for (long block : blocks) {
                hakmem.free(block);
            }
        }
    }
}
