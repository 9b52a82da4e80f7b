package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.hakmem.api.Allocator;
import org.hakmem.api.BoxStats;
import org.hakmem.api.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Owns the multi-threaded stress of pooled blocks, tiny (1..1024 B) and mid (1017 B..32 KiB), in the manner of Larson and the other classic allocator
 * stress tests: threads allocate, fill every byte of every block with a pattern of its address and size, keep some,
 * free some and swap blocks with each other through a shared array, so blocks are freed by threads that did not
 * allocate them and outlive the threads that did. Rounds of threads are started and joined; a dead round's blocks are
 * freed by the next. Every block's pattern is checked before it is freed; in the end nothing may be lost.
 *
 * <p>{@code -Dhakmem.stress.long=true} runs many more rounds, operations and virtual threads (about a minute).
 */
class PoolStressTest {

    private static final boolean LONG = Boolean.getBoolean("hakmem.stress.long");

    private static final int SLOTS = 2048;
    private static final int THREADS = 4;
    private static final int ROUNDS = LONG ? 100 : 12;
    /** Operations per thread for tiny blocks; mid blocks are ten times as many bytes to fill and check, so fewer. */
    private static final int OPS_PER_THREAD = LONG ? 200_000 : 60_000;
    /** Blocks a thread keeps for itself at most. */
    private static final int KEPT = 48;
    private static final int VIRTUAL_THREADS = LONG ? 100_000 : 10_000;
    /** Problems reported in a failure message at most. */
    private static final int SHOWN = 10;

    /** A block in flight: who allocated it, in which round, and what was asked for (the pattern covers all of it). */
    private record Block(long address, long size, long thread, int round) {
    }

    /** The sizes a stress draws, skewed towards the small end of each pool's range. */
    enum Sizes {
        TINY(1, 1024, OPS_PER_THREAD),
        MID(1017, 32 * 1024, OPS_PER_THREAD / 10);

        final long min;
        final long max;
        final int opsPerThread;

        Sizes(long min, long max, int opsPerThread) {
            this.min = min;
            this.max = max;
            this.opsPerThread = opsPerThread;
        }

        long draw(SplittableRandom random) {
            double r = random.nextDouble();
            return min + (long) (r * r * r * (max - min + 1));
        }
    }

    static Stream<Arguments> modesAndSizes() {
        return Stream.of(Mode.MINIMAL, Mode.BALANCED, Mode.FAST)
                .flatMap(mode -> Stream.of(Sizes.values()).map(sizes -> Arguments.of(mode, sizes)));
    }

    /** What the threads of one allocator share: the swap array, the problems they found and what they did. */
    private static final class Shared {
        final Allocator hakmem;
        final Sizes sizes;
        final AtomicReferenceArray<Block> slots = new AtomicReferenceArray<>(SLOTS);
        final Queue<String> problems = new ConcurrentLinkedQueue<>();
        final LongAdder frees = new LongAdder();
        final LongAdder foreignFrees = new LongAdder();
        final LongAdder orphanFrees = new LongAdder();

        Shared(Allocator hakmem, Sizes sizes) {
            this.hakmem = hakmem;
            this.sizes = sizes;
        }

        Block allocate(SplittableRandom random, int round) {
            long size = sizes.draw(random);
            long address = hakmem.malloc(size);
            if (address == 0 || address % 8 != 0) {
                problem("malloc(" + size + ") returned 0x" + Long.toHexString(address));
            }
            BlockPatterns.fill(address, size, BlockPatterns.seed(address, size));
            return new Block(address, size, Thread.currentThread().threadId(), round);
        }

        /** Puts {@code block} into a random slot and frees whatever was there. */
        void publish(SplittableRandom random, Block block, int round) {
            Block previous = slots.getAndSet(random.nextInt(SLOTS), block);
            if (previous != null) {
                free(previous, round);
            }
        }

        /** Checks the whole block, then frees it; counts frees by another thread and of blocks whose thread is gone. */
        void free(Block block, int round) {
            long difference = BlockPatterns.firstDifference(block.address, block.size,
                    BlockPatterns.seed(block.address, block.size));
            if (difference >= 0) {
                problem("block 0x" + Long.toHexString(block.address) + " (" + block.size + " B, round " + block.round
                        + ") changed at offset " + difference + " before its free");
            }
            hakmem.free(block.address);
            frees.increment();
            if (block.thread != Thread.currentThread().threadId()) {
                foreignFrees.increment();
            }
            if (block.round < round) {
                orphanFrees.increment();
            }
        }

        void problem(String problem) {
            if (problems.size() < SHOWN) {
                problems.add(problem);
            }
        }

        /** The main thread's last word: every block still in a slot is checked and freed. */
        void drain(int round) {
            for (int slot = 0; slot < SLOTS; slot++) {
                Block block = slots.getAndSet(slot, null);
                if (block != null) {
                    free(block, round);
                }
            }
        }

        Runnable guarded(Runnable work) {
            return () -> {
                try {
                    work.run();
                } catch (Throwable t) {
                    problem(Thread.currentThread() + " died: " + t);
                }
            };
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndSizes")
    void roundsOfThreadsSwapBlocksWithoutCorruptionAndLoseNone(Mode mode, Sizes sizes) throws InterruptedException {
        Allocator hakmem = Allocators.isolated(mode).build();
        try {
            long liveAtStart = hakmem.stats().bytesLive();
            Shared shared = new Shared(hakmem, sizes);
            for (int round = 0; round < ROUNDS; round++) {
                List<Thread> threads = new ArrayList<>();
                CountDownLatch start = new CountDownLatch(1); // all threads of a round churn at the same time
                // Odd rounds start half the threads: the other dead heaps wait, adopted by the next round, or
                // reclaimed first if the pool would otherwise map more memory.
                for (int t = 0; t < (round % 2 == 0 ? THREADS : THREADS / 2); t++) {
                    long seed = round * 1_000L + t;
                    int thisRound = round;
                    threads.add(Thread.ofPlatform().name("stress-" + round + "-" + t).start(shared.guarded(() -> {
                        awaitUninterruptibly(start);
                        churn(shared, new SplittableRandom(seed), thisRound);
                    })));
                }
                start.countDown();
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            shared.drain(ROUNDS);

            assertEquals(List.of(), List.copyOf(shared.problems), "corrupt blocks or failed calls");
            assertTrue(shared.foreignFrees.sum() > shared.frees.sum() / 5,
                    "many blocks should be freed by a thread that did not allocate them: " + shared.foreignFrees.sum()
                            + " of " + shared.frees.sum());
            assertTrue(shared.orphanFrees.sum() > 0, "some blocks should outlive the thread that allocated them");
            assertEquals(liveAtStart, hakmem.stats().bytesLive(), "every block came back");
        } finally {
            hakmem.close();
        }
        assertEquals(0, hakmem.stats().bytesMapped(), "bytes mapped after close");
    }

    @ParameterizedTest
    @MethodSource("modesAndSizes")
    void shortVirtualThreadsHandBlocksToEachOtherWithoutCorruptionAndLoseNone(Mode mode, Sizes sizes) {
        Allocator hakmem = Allocators.isolated(mode).build();
        try {
            long liveAtStart = hakmem.stats().bytesLive();
            Shared shared = new Shared(hakmem, sizes);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int v = 0; v < VIRTUAL_THREADS; v++) {
                    long seed = v;
                    executor.execute(shared.guarded(() -> handOver(shared, new SplittableRandom(seed))));
                }
            }
            shared.drain(1);

            assertEquals(List.of(), List.copyOf(shared.problems), "corrupt blocks or failed calls");
            assertTrue(shared.foreignFrees.sum() > shared.frees.sum() / 5,
                    "many blocks should be freed by another thread: " + shared.foreignFrees.sum() + " of "
                            + shared.frees.sum());
            assertEquals(liveAtStart, hakmem.stats().bytesLive(), "every block came back");
        } finally {
            hakmem.close();
        }
        assertEquals(0, hakmem.stats().bytesMapped(), "bytes mapped after close");
    }

    /**
     * The stated bound on free blocks one tiny heap keeps from other threads: UltraHot 4 x (24 + 56) B, HeapV2
     * 16 x (0 + 8 + 24 + 56) B, and the thread-local free lists 256 x (0 + 8 + 24 + 56 + 120 + 248) B + 128 x 504 B
     * + 64 x 1016 B (64 KiB of blocks per class, 64 to 256 blocks): 248 000 bytes.
     */
    static final long CACHE_BOUND_PER_HEAP = 320 + 1408 + 256 * (88 + 120 + 248) + 128 * 504 + 64 * 1016;

    /** The stated bound on free blocks one mid cache keeps: HAKMEM_MID_CACHE_BYTES, 4 MiB (8 MiB in FAST). */
    static long midCacheBound(Mode mode) {
        return mode == Mode.FAST ? 8 << 20 : 4 << 20;
    }

    static Stream<Arguments> poolsAndBounds() {
        return Stream.of(Mode.BALANCED, Mode.FAST).flatMap(mode -> Stream.of(
                Arguments.of(mode, Sizes.TINY, "tinypool", "heaps", CACHE_BOUND_PER_HEAP),
                Arguments.of(mode, Sizes.MID, "midpool", "caches", midCacheBound(mode))));
    }

    @ParameterizedTest
    @MethodSource("poolsAndBounds")
    void virtualThreadsShareAFewCachesInsteadOfOneEach(Mode mode, Sizes sizes, String pool, String cachesCounter,
                                                       long boundPerCache) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            BoxStats box = hakmem.stats().box(pool);
            assertNotNull(box, mode + " serves these sizes from " + pool);
            assertTrue(box.counters().containsKey(cachesCounter), pool + " counts its caches: " + box.counters());
            Shared shared = new Shared(hakmem, sizes);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int v = 0; v < VIRTUAL_THREADS; v++) {
                    long seed = v;
                    executor.execute(shared.guarded(() -> handOver(shared, new SplittableRandom(seed))));
                }
            }
            long heaps = hakmem.stats().counter(pool, cachesCounter);
            long cached = hakmem.stats().counter(pool, "cached_bytes");
            shared.drain(1);
            assertEquals(List.of(), List.copyOf(shared.problems));
            int bound = 2 * Runtime.getRuntime().availableProcessors() + 8;
            assertTrue(heaps <= bound, VIRTUAL_THREADS + " virtual threads made " + heaps + " " + pool + " caches (at"
                    + " most " + bound + " expected)");
            assertTrue(cached <= heaps * boundPerCache, heaps + " caches hold " + cached + " bytes");
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One platform thread's life: churn through blocks, then leave the ones it kept behind in the shared array. */
    private static void churn(Shared shared, SplittableRandom random, int round) {
        List<Block> kept = new ArrayList<>();
        for (int op = 0; op < shared.sizes.opsPerThread; op++) {
            if ((op & 255) == 0) {
                Thread.yield(); // more threads than cores: let them interleave finely, not one time slice each
            }
            int action = random.nextInt(100);
            if (action < 40 || (action < 80 && kept.isEmpty())) {
                // Publish a fresh block; the slot's previous block (mostly another thread's) is freed here.
                shared.publish(random, shared.allocate(random, round), round);
            } else if (action < 60) {
                Block block = shared.allocate(random, round);
                if (kept.size() < KEPT) {
                    kept.add(block);
                } else {
                    shared.publish(random, block, round);
                }
            } else if (action < 80) {
                shared.free(kept.remove(random.nextInt(kept.size())), round);
            } else if (action < 95) {
                // Take someone else's block: adopt it for a while or free it at once.
                Block taken = shared.slots.getAndSet(random.nextInt(SLOTS), null);
                if (taken != null) {
                    if (kept.size() < KEPT && random.nextInt(4) == 0) {
                        kept.add(taken);
                    } else {
                        shared.free(taken, round);
                    }
                }
            } else if (!kept.isEmpty()) {
                kept.add(realloc(shared, kept.remove(random.nextInt(kept.size())), random, round));
            }
        }
        // Die with blocks still referenced: the next round's threads (or the main thread) free them.
        for (Block block : kept) {
            shared.publish(random, block, round);
        }
    }

    /** One short virtual thread: a few blocks, some handed over to whoever comes next, the rest freed here. */
    private static void handOver(Shared shared, SplittableRandom random) {
        int blocks = 1 + random.nextInt(4);
        for (int i = 0; i < blocks; i++) {
            Block block = shared.allocate(random, 0);
            if (random.nextBoolean()) {
                shared.publish(random, block, 0);
            } else {
                shared.free(block, 0);
            }
        }
        Block taken = shared.slots.getAndSet(random.nextInt(SLOTS), null);
        if (taken != null) {
            shared.free(taken, 0);
        }
    }

    /** Resizes a block within its pool's range: its first min(old, new) bytes must survive; then it is stamped anew. */
    private static Block realloc(Shared shared, Block block, SplittableRandom random, int round) {
        long difference = BlockPatterns.firstDifference(block.address, block.size,
                BlockPatterns.seed(block.address, block.size));
        if (difference >= 0) {
            shared.problem("block 0x" + Long.toHexString(block.address) + " changed at offset " + difference
                    + " before its realloc");
        }
        long size = shared.sizes.draw(random);
        long moved = shared.hakmem.realloc(block.address, size);
        long kept = Math.min(block.size, size);
        difference = BlockPatterns.firstDifference(moved, kept, BlockPatterns.seed(block.address, block.size));
        if (difference >= 0) {
            shared.problem("realloc(0x" + Long.toHexString(block.address) + ", " + size + ") from " + block.size
                    + " B lost the byte at offset " + difference);
        }
        BlockPatterns.fill(moved, size, BlockPatterns.seed(moved, size));
        return new Block(moved, size, Thread.currentThread().threadId(), round);
    }

    /** 1..1024 bytes, skewed to small: 40 % are 64 B or less, 10 % over 750 B (some past the tiny classes' end). */
}
