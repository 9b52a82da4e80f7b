package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.hakmem.api.Allocator;
import org.hakmem.api.Mode;
import org.hakmem.api.os.NativeMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Threads swap blocks of every size class through a shared array, so most blocks are freed by a thread that did not
 * allocate them. Each block carries a pattern derived from its address and size, checked before it is freed.
 */
class CrossThreadTest {

    private static final int THREADS = 4;
    private static final int SLOTS = 512;
    private static final int OPS_PER_THREAD = 20_000;

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void blocksFreedByOtherThreadsKeepTheirContentsAndNothingIsLost(Mode mode) throws InterruptedException {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            AtomicLongArray slots = new AtomicLongArray(SLOTS);
            AtomicLongArray sizes = new AtomicLongArray(SLOTS);
            AtomicLong corrupt = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int op = 0; op < OPS_PER_THREAD; op++) {
                        int slot = random.nextInt(SLOTS);
                        long size = size(random);
                        long fresh = hakmem.malloc(size);
                        stamp(fresh, size);
                        // Claim the slot's previous block (whoever allocated it), then publish ours.
                        long previous;
                        long previousSize;
                        synchronized (slots) {
                            previous = slots.getAndSet(slot, fresh);
                            previousSize = sizes.getAndSet(slot, size);
                        }
                        if (previous != 0) {
                            if (!intact(previous, previousSize)) {
                                corrupt.incrementAndGet();
                            }
                            hakmem.free(previous);
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            for (int slot = 0; slot < SLOTS; slot++) {
                long block = slots.get(slot);
                if (block != 0) {
                    if (!intact(block, sizes.get(slot))) {
                        corrupt.incrementAndGet();
                    }
                    hakmem.free(block);
                }
            }
            assertEquals(0, corrupt.get(), "blocks whose pattern changed");
            assertEquals(0, hakmem.stats().bytesLive(), "every block came back");
            hakmem.close();
            assertEquals(0, hakmem.stats().bytesMapped());
        }
    }

    /** Mostly small, some mid, a few mapped and a rare big one: every path and every Box takes part. */
    private static long size(SplittableRandom random) {
        int kind = random.nextInt(1000);
        if (kind < 900) {
            return random.nextLong(16, 1041); // room for both 8-byte stamps
        } else if (kind < 980) {
            return random.nextLong(1041, 200_000);
        }
        return random.nextLong(1 << 20, 3 << 20);
    }

    private static void stamp(long address, long size) {
        long pattern = address ^ (size * 0x9E37_79B9_7F4A_7C15L);
        NativeMemory.putLong(address, pattern);
        NativeMemory.putLong(address + size - 8, ~pattern);
    }

    private static boolean intact(long address, long size) {
        long pattern = address ^ (size * 0x9E37_79B9_7F4A_7C15L);
        return NativeMemory.getLong(address) == pattern && NativeMemory.getLong(address + size - 8) == ~pattern;
    }
}
