package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.hakmem.api.Allocator;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.InvalidAddressException.Reason;
import org.hakmem.api.Mode;
import org.hakmem.api.os.NativeMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Owns bad input on pooled blocks, tiny (16..1016 B) and mid (1017 B..32 KiB): double frees (on one thread, across threads, and racing each other),
 * interior pointers (+8, +1, -8, and behind a copy of the block's header), and blocks of another hakmem allocator.
 * Each ends in an
 * {@link InvalidAddressException} with the right reason, and nothing is corrupted: the block stays live and intact,
 * its neighbours too, no block is handed out twice, bytesLive stays exact and the allocator keeps working.
 */
class PoolBadInputTest {

    /** Both sides of every tiny class boundary, the first sizes past the tiny pool, and mid class boundaries. */
    private static final long[] SIZES = {16, 17, 24, 25, 56, 57, 100, 120, 121, 248, 249, 500, 504, 505, 1000, 1016,
        1017, 1024, 1025, 1280, 1281, 4096, 4097, 10_000, 32 * 1024};
    /** Blocks of one size allocated around the one under attack: the likeliest victims of a bad free. */
    private static final int NEIGHBOURS = 8;
    /** Blocks allocated after a refused free: none may come back twice. */
    private static final int AFTERWARDS = 64;

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED", "FAST"})
    void aDoubleFreeIsNamedAndTheBlockIsNeverHandedOutTwice(Mode mode) throws InterruptedException {
        attackEachSize(mode, SIZES, run -> {
            Allocator hakmem = run.hakmem;
            long target = run.take(NEIGHBOURS / 2);
            hakmem.free(target);
            long live = hakmem.stats().bytesLive();
            assertRefused(Reason.DOUBLE_FREE, target, () -> hakmem.free(target), "double free");
            assertRefused(Reason.DOUBLE_FREE, target, () -> hakmem.usableSize(target), "double free");
            assertRefused(Reason.DOUBLE_FREE, target, () -> hakmem.realloc(target, run.size), "double free");
            assertEquals(live, hakmem.stats().bytesLive(), "a refused free changes no count (" + run.size + " B)");
        });
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED", "FAST"})
    void aDoubleFreeAcrossThreadsIsNamedWhicheverThreadFreesTwice(Mode mode) throws InterruptedException {
        attackEachSize(mode, new long[] {16, 100, 1000, 1024, 5000, 32 * 1024}, run -> {
            Allocator hakmem = run.hakmem;
            // Allocated and freed here, freed again by another thread.
            long first = run.take(1);
            hakmem.free(first);
            assertRefused(Reason.DOUBLE_FREE, first, onPlatformThread(() -> hakmem.free(first)), "double free");
            // Allocated here, freed by another thread (a remote free), freed again here.
            long second = run.take(3);
            assertEquals(null, onPlatformThread(() -> hakmem.free(second)).get(), "the first free succeeds");
            assertRefused(Reason.DOUBLE_FREE, second, () -> hakmem.free(second), "double free");
            // Allocated here, freed twice by one other thread.
            long third = run.take(5);
            assertRefused(Reason.DOUBLE_FREE, third, onPlatformThread(() -> {
                hakmem.free(third);
                hakmem.free(third);
            }), "double free");
            // Allocated here, freed twice by a virtual thread (virtual threads share their caches).
            long fourth = run.take(7);
            assertRefused(Reason.DOUBLE_FREE, fourth, onVirtualThread(() -> {
                hakmem.free(fourth);
                hakmem.free(fourth);
            }), "double free");
        });
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED", "FAST"})
    void interiorPointersIntoPooledBlocksAreNamedAndNothingIsFreed(Mode mode) throws InterruptedException {
        attackEachSize(mode, SIZES, run -> {
            Allocator hakmem = run.hakmem;
            long block = run.blocks.get(NEIGHBOURS / 2);
            long usable = hakmem.usableSize(block);
            long live = hakmem.stats().bytesLive();
            String where = "0x" + Long.toHexString(block);
            for (long offset : new long[] {8, 1, -8}) {
                long interior = block + offset;
                assertRefused(Reason.INTERIOR_POINTER, interior, () -> hakmem.free(interior), where);
                assertRefused(Reason.INTERIOR_POINTER, interior, () -> hakmem.usableSize(interior), where);
                assertRefused(Reason.INTERIOR_POINTER, interior, () -> hakmem.realloc(interior, run.size * 2), where);
            }
            assertEquals(usable, hakmem.usableSize(block), "the block is still live (" + run.size + " B)");
            assertEquals(live, hakmem.stats().bytesLive(), "nothing was freed or allocated");
        });
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED", "FAST"})
    void anInteriorPointerBehindACopyOfTheBlocksHeaderIsStillRefused(Mode mode) throws InterruptedException {
        // A struct that copied raw memory could hold the 16 bytes in front of a block: they must not make an interior
        // address look like the start of a block.
        attackEachSize(mode, new long[] {32, 56, 100, 248, 500, 1000, 1016, 1024, 2000, 32 * 1024}, run -> {
            Allocator hakmem = run.hakmem;
            long block = run.blocks.get(NEIGHBOURS / 2);
            long header = NativeMemory.getLong(block - 8);
            NativeMemory.putLong(block, header);
            NativeMemory.putLong(block + 8, header);
            NativeMemory.putLong(block + 16, NativeMemory.getLong(block - 16));
            for (long offset : new long[] {8, 16}) {
                long interior = block + offset;
                assertRefused(Reason.INTERIOR_POINTER, interior, () -> hakmem.free(interior), "start of");
                assertRefused(Reason.INTERIOR_POINTER, interior, () -> hakmem.usableSize(interior), "start of");
            }
            run.restamp(NEIGHBOURS / 2);
        });
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED", "FAST"})
    void racingFreesOfOneBlockFreeItExactlyOnceUnderStrictFree(Mode mode) throws Exception {
        // The owner (this thread, a local free) and three others (remote frees) free the same blocks at once. FAST
        // turns the strict free off by default (a plain header flip): this race is what the switch is for.
        int others = 3;
        int rounds = 1000;
        try (Allocator hakmem = Allocators.isolated(mode).set("HAKMEM_TINY_STRICT_FREE", "1")
                .set("HAKMEM_MID_STRICT_FREE", "1").build();
             ExecutorService executor = Executors.newFixedThreadPool(others)) {
            long liveAtStart = hakmem.stats().bytesLive();
            long[] blocks = new long[16];
            AtomicIntegerArray wins = new AtomicIntegerArray(blocks.length);
            Queue<String> problems = new ConcurrentLinkedQueue<>();
            CyclicBarrier barrier = new CyclicBarrier(others + 1);
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 1; t <= others; t++) {
                int racer = t;
                racers.add(executor.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        barrier.await();
                        freeAll(hakmem, blocks, round % 2 == 0 ? 0 : racer, wins, problems);
                        barrier.await();
                    }
                    return null;
                }));
            }
            SplittableRandom random = new SplittableRandom(11);
            try {
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < blocks.length; i++) {
                        blocks[i] = hakmem.malloc(16 + random.nextInt(i % 2 == 0 ? 1009 : 8000));
                        wins.set(i, 0);
                    }
                    barrier.await();
                    freeAll(hakmem, blocks, 0, wins, problems); // even rounds: all in step, on the same block at once
                    barrier.await();
                    for (int i = 0; i < blocks.length; i++) {
                        if (wins.get(i) != 1) {
                            problems.add("round " + round + ": 0x" + Long.toHexString(blocks[i]) + " freed "
                                    + wins.get(i) + " times");
                        }
                    }
                }
            } catch (RuntimeException | Error e) {
                barrier.reset(); // the racers give up instead of waiting for a round that never comes
                throw e;
            }
            for (Future<?> racer : racers) {
                racer.get();
            }
            assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(problems.size(), 10)));
            assertEquals(liveAtStart, hakmem.stats().bytesLive(), "every block was counted free once");
            assertNoBlockIsHandedOutTwice(hakmem, rounds * blocks.length);
            assertWorks(hakmem);
        }
    }

    /** Allocates {@code count} blocks of each tiny class (and past them): a block freed twice would come back twice. */
    private static void assertNoBlockIsHandedOutTwice(Allocator hakmem, int count) {
        for (long size : new long[] {16, 24, 56, 120, 248, 504, 1016, 1024, 3000, 32 * 1024}) {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < count; i++) {
                long block = hakmem.malloc(size);
                assertTrue(seen.add(block), "malloc(" + size + ") handed out 0x" + Long.toHexString(block) + " twice");
                BlockPatterns.fill(block, size, BlockPatterns.seed(block, size));
            }
            for (long block : seen) {
                assertEquals(-1, BlockPatterns.firstDifference(block, size, BlockPatterns.seed(block, size)));
                hakmem.free(block);
            }
        }
    }

    /** Frees every block, starting at a place of the racer's own; counts the frees that succeeded. */
    private static void freeAll(Allocator hakmem, long[] blocks, int racer, AtomicIntegerArray wins,
            Queue<String> problems) {
        for (int k = 0; k < blocks.length; k++) {
            int i = (k + racer * 5) % blocks.length;
            try {
                hakmem.free(blocks[i]);
                wins.incrementAndGet(i);
            } catch (RuntimeException e) {
                if (!(e instanceof InvalidAddressException refused && refused.reason() == Reason.DOUBLE_FREE)) {
                    problems.add("a racing free failed: " + e);
                }
            }
        }
    }

    /**
     * Once an emptied SuperSlab has gone back to Batch, a second free of one of its blocks is still a double free (or
     * at worst an address long forgotten), never a FOREIGN block with the advice to delegate it to libc free.
     */
    @Test
    void aDoubleFreeAfterItsSuperSlabWentBackIsStillNamedAsOne() {
        try (Allocator hakmem = Allocators.isolated(Mode.BALANCED).build()) {
            long[] blocks = new long[70_000]; // 32-byte blocks: more than one 2 MiB SuperSlab holds
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = hakmem.malloc(16);
            }
            for (long block : blocks) {
                hakmem.free(block);
            }
            for (int i = 0; i < blocks.length; i += 997) {
                long block = blocks[i];
                var e = assertThrows(InvalidAddressException.class, () -> hakmem.free(block));
                assertTrue(e.reason() == Reason.DOUBLE_FREE || e.reason() == Reason.NOT_ALLOCATED, e.getMessage());
                assertFalse(e.getMessage().contains("delegate"), e.getMessage());
            }
            assertWorks(hakmem);
        }
    }

    @ParameterizedTest(name = "block of a {0} allocator freed into a {1} one")
    @CsvSource({"BALANCED, BALANCED", "FAST, FAST", "MINIMAL, MINIMAL", "BALANCED, MINIMAL", "MINIMAL, BALANCED"})
    void aBlockOfAnotherAllocatorIsRefusedAndStaysItsOwnersBlock(Mode ownerMode, Mode otherMode) {
        Allocator owner = Allocators.isolated(ownerMode).build();
        Allocator other = Allocators.isolated(otherMode).build();
        List<Long> ownersOld = new ArrayList<>();
        try {
            long ownerLiveAtStart = owner.stats().bytesLive();
            long otherLiveAtStart = other.stats().bytesLive();
            for (long size : SIZES) {
                Run mine = Run.allocate(owner, size);
                Run theirs = Run.allocate(other, size); // the other allocator has tiny blocks of this size too
                long block = mine.blocks.get(NEIGHBOURS / 2);
                long usable = owner.usableSize(block);
                long ownerLive = owner.stats().bytesLive();
                long otherLive = other.stats().bytesLive();

                assertRefusedAsNotItsOwn(block, "free", () -> other.free(block));
                assertRefusedAsNotItsOwn(block, "usableSize", () -> other.usableSize(block));
                assertRefusedAsNotItsOwn(block, "realloc", () -> other.realloc(block, size));

                assertEquals(usable, owner.usableSize(block), "the block still belongs to its owner (" + size + " B)");
                assertEquals(ownerLive, owner.stats().bytesLive(), "the owner lost no block");
                assertEquals(otherLive, other.stats().bytesLive(), "the other allocator gained or lost no block");
                mine.assertUnharmedThenFree();
                theirs.assertUnharmedThenFree();
                // The owner had it live until now: its second free is a double free.
                assertRefused(Reason.DOUBLE_FREE, block, () -> owner.free(block), "double free");
                ownersOld.add(block);
            }
            assertEquals(ownerLiveAtStart, owner.stats().bytesLive(), "every block came back to its owner");
            assertEquals(otherLiveAtStart, other.stats().bytesLive(), "every block came back to the other");
            assertWorks(owner);
            assertWorks(other);
        } finally {
            owner.close();
        }
        try {
            assertEquals(0, owner.stats().bytesMapped(), "the owner unmapped everything");
            // The owner's memory is gone: the other allocator must refuse its old addresses without reading them.
            for (long block : ownersOld) {
                assertRefusedAsNotItsOwn(block, "free", () -> other.free(block));
            }
            assertWorks(other);
        } finally {
            other.close();
        }
    }

    /** Bad input aimed at a run of blocks of one size. */
    private interface Attack {
        void on(Run run) throws InterruptedException;
    }

    /**
     * For each size, attacks a fresh {@link Run}; then every block it did not free must be intact, fresh blocks must
     * be distinct from the live ones, and once all is freed bytesLive is back where it started.
     */
    private static void attackEachSize(Mode mode, long[] sizes, Attack attack) throws InterruptedException {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            long liveAtStart = hakmem.stats().bytesLive();
            for (long size : sizes) {
                Run run = Run.allocate(hakmem, size);
                attack.on(run);
                run.assertUnharmedThenFree();
            }
            assertEquals(liveAtStart, hakmem.stats().bytesLive(), "every block came back");
            assertWorks(hakmem);
        }
    }

    /**
     * Another allocator's block: not an address this one returned (FOREIGN from free, NOT_ALLOCATED from the calls
     * that only look); or, when libc handed the other allocator an address this one had freed before (both malloc
     * from libc), a double free as far as this one can tell. Either way refused, and named.
     */
    private static void assertRefusedAsNotItsOwn(long block, String operation, Executable call) {
        var e = assertThrows(InvalidAddressException.class, call);
        assertEquals(block, e.address(), e.getMessage());
        assertTrue(e.getMessage().contains(operation + "(0x" + Long.toHexString(block) + ")"), e.getMessage());
        switch (e.reason()) {
            case FOREIGN, NOT_ALLOCATED -> assertTrue(e.getMessage().contains("not an address this allocator returned"),
                    e.getMessage());
            case DOUBLE_FREE -> assertTrue(e.getMessage().contains("double free"), e.getMessage());
            default -> fail("another allocator's block refused as " + e.reason() + ": " + e.getMessage());
        }
        if (operation.equals("free")) {
            assertTrue(e.reason() != Reason.NOT_ALLOCATED, "the default policy rejects foreign frees as FOREIGN");
        }
    }

    private static void assertRefused(Reason reason, long address, Executable call, String messagePart) {
        var e = assertThrows(InvalidAddressException.class, call);
        assertRefused(reason, address, e, messagePart);
    }

    private static void assertRefused(Reason reason, long address, AtomicReference<Throwable> thrown,
            String messagePart) {
        Throwable t = thrown.get();
        assertNotNull(t, "no exception on the other thread");
        assertRefused(reason, address, assertInstanceOf(InvalidAddressException.class, t), messagePart);
    }

    private static void assertRefused(Reason reason, long address, InvalidAddressException e, String messagePart) {
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(address, e.address(), e.getMessage());
        assertTrue(e.getMessage().contains("0x" + Long.toHexString(address)), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    /** Runs {@code work} on a new platform thread and returns what it threw (null if nothing). */
    private static AtomicReference<Throwable> onPlatformThread(Runnable work) throws InterruptedException {
        return on(Thread.ofPlatform(), work);
    }

    private static AtomicReference<Throwable> onVirtualThread(Runnable work) throws InterruptedException {
        return on(Thread.ofVirtual(), work);
    }

    private static AtomicReference<Throwable> on(Thread.Builder builder, Runnable work) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = builder.start(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        thread.join();
        return thrown;
    }

    private static void assertWorks(Allocator hakmem) {
        long[] blocks = new long[64];
        for (int i = 0; i < blocks.length; i++) {
            long size = 1 + i * 17L;
            blocks[i] = hakmem.malloc(size);
            BlockPatterns.fill(blocks[i], size, i);
        }
        for (int i = 0; i < blocks.length; i++) {
            assertEquals(-1, BlockPatterns.firstDifference(blocks[i], 1 + i * 17L, i), "block " + i);
            hakmem.free(blocks[i]);
        }
    }

    /**
     * {@link #NEIGHBOURS} + 1 blocks of one size, each filled with its own pattern; {@link #take} marks one as freed
     * by the test, so {@link #assertIntact} and {@link #free} leave it alone.
     */
    private static final class Run {
        final Allocator hakmem;
        final long size;
        final List<Long> blocks = new ArrayList<>();
        final Set<Long> taken = new HashSet<>();

        private Run(Allocator hakmem, long size) {
            this.hakmem = hakmem;
            this.size = size;
        }

        static Run allocate(Allocator hakmem, long size) {
            Run run = new Run(hakmem, size);
            for (int i = 0; i <= NEIGHBOURS; i++) {
                long block = hakmem.malloc(size);
                BlockPatterns.fill(block, size, BlockPatterns.seed(block, size));
                run.blocks.add(block);
            }
            return run;
        }

        /** The block at {@code index}, which the test will free itself. */
        long take(int index) {
            long block = blocks.get(index);
            taken.add(block);
            return block;
        }

        void restamp(int index) {
            long block = blocks.get(index);
            BlockPatterns.fill(block, size, BlockPatterns.seed(block, size));
        }

        void assertIntact() {
            for (long block : blocks) {
                if (!taken.contains(block)) {
                    long difference = BlockPatterns.firstDifference(block, size, BlockPatterns.seed(block, size));
                    if (difference >= 0) {
                        fail("block 0x" + Long.toHexString(block) + " (" + size + " B) changed at offset " + difference);
                    }
                }
            }
        }

        /** Fresh blocks of the same size: distinct from each other and from every block of this run still live. */
        void assertFreshBlocksAreDistinct() {
            Set<Long> seen = new HashSet<>();
            for (long block : blocks) {
                if (!taken.contains(block)) {
                    seen.add(block);
                }
            }
            List<Long> fresh = new ArrayList<>();
            for (int i = 0; i < AFTERWARDS; i++) {
                long block = hakmem.malloc(size);
                fresh.add(block);
                if (!seen.add(block)) {
                    fail("malloc(" + size + ") handed out 0x" + Long.toHexString(block) + " while it was live");
                }
                BlockPatterns.fill(block, size, ~BlockPatterns.seed(block, size));
            }
            assertIntact();
            for (long block : fresh) {
                assertEquals(-1, BlockPatterns.firstDifference(block, size, ~BlockPatterns.seed(block, size)));
                hakmem.free(block);
            }
        }

        void assertUnharmedThenFree() {
            assertIntact();
            assertFreshBlocksAreDistinct();
            free();
        }

        void free() {
            for (long block : blocks) {
                if (!taken.contains(block)) {
                    hakmem.free(block);
                }
            }
        }
    }
}
