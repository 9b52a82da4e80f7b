package org.hakmem.box.midpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.InvalidAddressException.Reason;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.ThreadHeaps;
import org.junit.jupiter.api.Test;

/** Covers the mid pool end to end: allocation and free in every class, refusals, threads and their caches, close. */
class MidPagesTest {

    private final TestContext context = new TestContext(Map.of());
    private final MidPages pool = context.pool();

    private static int classOfBlock(long block) {
        return MidHeader.liveClass(block, NativeMemory.getLong(block + MidHeader.TAG_OFFSET));
    }

    /** Blocks given as {address, size, class}: no block or header reaches into the next one. */
    private static void assertNoOverlap(List<long[]> blocks) {
        List<long[]> sorted = new ArrayList<>(blocks);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < sorted.size(); i++) {
            long[] before = sorted.get(i - 1);
            assertTrue(before[0] + MidHeader.usableSize((int) before[2]) + MidHeader.SIZE <= sorted.get(i)[0],
                    "blocks and headers do not overlap");
        }
    }

    private static void collectGarbage() throws InterruptedException {
        System.gc();
        Thread.sleep(20);
    }

    /** The pool's caches, through its ThreadHeaps: the only way to count them. */
    @SuppressWarnings("unchecked")
    private static List<MidCache> caches(MidPages pool) throws ReflectiveOperationException {
        Field heaps = MidPages.class.getDeclaredField("caches");
        Field lock = MidPages.class.getDeclaredField("lock");
        heaps.setAccessible(true);
        lock.setAccessible(true);
        List<MidCache> all = new ArrayList<>();
        synchronized (lock.get(pool)) {
            ((ThreadHeaps<MidCache>) heaps.get(pool)).forEach(all::add);
        }
        return all;
    }

    @Test
    void blocksOfEveryClassAreDistinctAlignedLiveAndKeepTheirContents() {
        assertEquals(MidHeader.MAX_CLASS_SIZE, pool.maxSize());
        List<long[]> blocks = new ArrayList<>(); // address, size, class
        long usable = 0;
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            long smallest = c == 0 ? 0 : MidHeader.usableSize(c - 1) + 1;
            for (long size : new long[] {smallest, MidHeader.usableSize(c)}) {
                long block = pool.allocate(size);
                assertEquals(0, block % 16, "16-byte aligned");
                assertTrue(context.regions.lookup(block) >= RegionTable.MID_IDS, "inside a registered mid segment");
                assertEquals(c, classOfBlock(block), "size " + size + " is live in class " + c);
                NativeMemory.fill(block, size, (byte) blocks.size());
                blocks.add(new long[] {block, size, c});
                usable += MidHeader.usableSize(c);
            }
        }
        assertEquals(usable, pool.bytesLive());
        assertNoOverlap(blocks);
        for (int i = 0; i < blocks.size(); i++) {
            long block = blocks.get(i)[0];
            long size = blocks.get(i)[1];
            for (long offset = 0; offset < size; offset += Math.max(1, size / 64)) {
                assertEquals((byte) i, NativeMemory.getByte(block + offset), "block " + i + " offset " + offset);
            }
            if (size > 0) {
                assertEquals((byte) i, NativeMemory.getByte(block + size - 1));
            }
            assertEquals((int) blocks.get(i)[2], classOfBlock(block), "a neighbour's contents spared the header");
        }
        for (long[] block : blocks) {
            pool.free(block[0], (int) block[2]);
            assertTrue(MidHeader.isFree(block[0], NativeMemory.getLong(block[0] - 8)));
        }
        assertEquals(0, pool.bytesLive());
    }

    @Test
    void alignedBlocksFallOnTheirAlignmentDoNotOverlapAndAreFreedLikeAnyOther() {
        List<long[]> blocks = new ArrayList<>(); // address, size, class
        for (long alignment = MidHeader.MIN_ALIGNMENT; alignment <= MidHeader.MAX_ALIGNMENT; alignment <<= 1) {
            for (long size : new long[] {1, 100, 1024, 3000, 20_000, MidHeader.MAX_ALIGNED_SIZE}) {
                for (int copy = 0; copy < 3; copy++) {
                    long block = pool.allocateAligned(size, alignment);
                    assertEquals(0, block % alignment, size + " B at " + alignment);
                    int c = classOfBlock(block);
                    assertEquals(MidHeader.alignedClassOf(size, alignment), c, "live in its aligned class");
                    NativeMemory.fill(block, size, (byte) blocks.size());
                    blocks.add(new long[] {block, size, c});
                }
            }
        }
        assertNoOverlap(blocks);
        for (int i = 0; i < blocks.size(); i++) {
            long[] block = blocks.get(i);
            assertEquals((byte) i, NativeMemory.getByte(block[0] + block[1] - 1), "block " + i + " kept its bytes");
            pool.free(block[0], (int) block[2]);
        }
        assertEquals(0, pool.bytesLive());
        long again = pool.allocateAligned(100, 64);
        int sixtyFour = MidHeader.alignedClassOf(100, 64);
        assertTrue(blocks.stream().anyMatch(block -> block[0] == again && block[2] == sixtyFour),
                "a freed block of its class comes back");
        assertThrows(InvalidAddressException.class, () -> pool.free(again + 64, sixtyFour));
        assertThrows(IllegalArgumentException.class, () -> pool.allocateAligned(MidHeader.MAX_ALIGNED_SIZE + 1, 64));
        assertThrows(IllegalArgumentException.class, () -> pool.allocateAligned(100, 8192));
    }

    @Test
    void aFreedBlockIsTheNextOneOfItsClassHandedOut() {
        long a = pool.allocate(3000);
        long b = pool.allocate(3000);
        int c = MidHeader.classOf(3000);
        pool.free(a, c);
        assertEquals(a, pool.allocate(2900), "same class, from this thread's cache");
        pool.free(b, c);
        pool.free(a, c);
        assertEquals(a, pool.allocate(3000));
        assertEquals(b, pool.allocate(3000));
        assertEquals(2 * MidHeader.usableSize(c), pool.bytesLive());
    }

    @Test
    void aDoubleFreeIsRefusedAndTheBlockComesBackOnlyOnce() {
        long block = pool.allocate(10_000);
        int c = MidHeader.classOf(10_000);
        pool.free(block, c);
        var twice = assertThrows(InvalidAddressException.class, () -> pool.free(block, c));
        assertEquals(Reason.DOUBLE_FREE, twice.reason());
        assertEquals(block, twice.address());
        assertEquals(Reason.DOUBLE_FREE, pool.refuse(block, "free").reason());
        assertEquals(0, pool.bytesLive(), "the refused free changed nothing");
        assertEquals(block, pool.allocate(10_000));
        assertNotEquals(block, pool.allocate(10_000), "handed out once, not twice");
    }

    @Test
    void anInteriorPointerAndAnOverwrittenHeaderAreRefusedWithTheirReasons() {
        long block = pool.allocate(5000);
        int c = MidHeader.classOf(5000);
        for (long interior : new long[] {block + 16, block + 1, block + 4999, block - 8}) {
            var refused = pool.refuse(interior, "free");
            assertEquals(Reason.INTERIOR_POINTER, refused.reason(), "0x" + Long.toHexString(interior));
            assertEquals(interior, refused.address());
        }
        var interior = pool.refuse(block + 16, "free");
        assertTrue(interior.getMessage().contains("0x" + Long.toHexString(block)), interior.getMessage());
        assertTrue(interior.getMessage().contains("16 bytes"), interior.getMessage());
        long neverHandedOut = block + MidHeader.blockSize(c) * 40;
        assertEquals(Reason.INTERIOR_POINTER, pool.refuse(neverHandedOut, "free").reason(),
                "a block start no allocation reached is no block yet");

        long header = NativeMemory.getLong(block - 8);
        NativeMemory.putLong(block - 8, 0x4141_4141_4141_4141L);
        assertEquals(Reason.CORRUPT_HEADER, pool.refuse(block, "free").reason());
        NativeMemory.putLong(block - 8, header);
        pool.free(block, c);
        assertEquals(0, pool.bytesLive());
    }

    @Test
    void aBlockFreedByAnotherThreadIsReusedThere() throws InterruptedException {
        int c = MidHeader.classOf(20_000);
        long block = pool.allocate(20_000);
        NativeMemory.putLong(block, 42);
        AtomicLong reused = new AtomicLong();
        Thread other = Thread.ofPlatform().start(() -> {
            pool.free(block, c);
            reused.set(pool.allocate(19_000));
            pool.free(reused.get(), c);
        });
        other.join();
        assertEquals(block, reused.get(), "the freeing thread handed its newest free block out again");
        assertEquals(0, pool.bytesLive());
        var twice = assertThrows(InvalidAddressException.class, () -> pool.free(block, c));
        assertEquals(Reason.DOUBLE_FREE, twice.reason());
    }

    @Test
    void theBlocksADeadThreadCachedAreReusedBeforeAnotherSegmentIsMapped() throws InterruptedException {
        pool.free(pool.allocate(1024), 0); // this thread's cache exists first: it adopts nothing below
        long mine = context.count("cached_bytes");
        int c = MidHeader.classOf(6000);
        Set<Long> theirs = new HashSet<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            List<Long> blocks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                blocks.add(pool.allocate(6000));
            }
            blocks.forEach(block -> pool.free(block, c));
            theirs.addAll(blocks);
        });
        worker.join();
        long cachesWithWorker = context.count("caches");
        assertTrue(context.count("cached_bytes") > mine, "the dead thread's cache still holds its blocks");
        assertEquals(0, pool.bytesLive());
        // Its cache is emptied before the pool would map another segment: this thread fills the first one below.
        assertEquals(1, context.count("segments"));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000 && !seen.containsAll(theirs); i++) {
            seen.add(pool.allocate(6000));
            assertEquals(1, context.count("segments"), "a segment was mapped before the dead thread's blocks came back");
        }
        assertTrue(seen.containsAll(theirs), "the dead thread's blocks were handed out here");
        assertEquals(cachesWithWorker - 1, context.count("caches"), "the dead thread's cache was retired");
        assertEquals(0, context.count("caches_adopted"));
    }

    @Test
    void aNewThreadAdoptsTheCacheOfADeadOneWithItsBlocks() throws InterruptedException {
        int c = MidHeader.classOf(7000);
        List<Long> theirs = new ArrayList<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 6; i++) {
                theirs.add(pool.allocate(7000));
            }
            theirs.forEach(block -> pool.free(block, c));
        });
        worker.join();
        long takes = context.count("central_takes");
        List<Long> adopted = new ArrayList<>();
        Thread next = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 6; i++) {
                adopted.add(pool.allocate(7000));
            }
        });
        next.join();
        assertEquals(1, context.count("caches_adopted"));
        assertEquals(takes, context.count("central_takes"), "served from the adopted cache alone");
        assertEquals(theirs.reversed(), adopted, "the dead thread's newest blocks first");
        assertEquals(6 * MidHeader.usableSize(c), pool.bytesLive());
    }

    @Test
    void tenThousandVirtualThreadsUseOnlyTheSharedCaches() throws Exception {
        TestContext four = new TestContext(Map.of("HAKMEM_MID_SHARED_CACHES", "4"));
        MidPages pool = four.pool();
        AtomicInteger wrong = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(10_000);
        for (int i = 0; i < 10_000; i++) {
            long size = i % 2 == 0 ? 3000 : 30_000;
            Thread.ofVirtual().start(() -> {
                try {
                    long block = pool.allocate(size);
                    NativeMemory.putLong(block, block);
                    NativeMemory.putLong(block + size - 8, ~block);
                    Thread.yield();
                    if (NativeMemory.getLong(block) != block || NativeMemory.getLong(block + size - 8) != ~block) {
                        wrong.incrementAndGet();
                    }
                    pool.free(block, MidHeader.classOf(size));
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        assertEquals(0, wrong.get(), "no block was handed to two threads at once");
        assertEquals(0, pool.bytesLive());
        List<MidCache> caches = caches(pool);
        assertTrue(!caches.isEmpty() && caches.size() <= 4, "caches: " + caches.size());
        assertTrue(caches.stream().allMatch(cache -> cache.sharedLock != null), "virtual threads share caches");
        assertTrue(four.count("cached_bytes") <= 4 * MidCache.BUDGET);
    }

    @Test
    void aThreadFreeingMoreThanItsCacheHoldsHandsTheOlderHalfBack() {
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            blocks.add(pool.allocate(1000));
        }
        assertEquals(2, context.count("segments"), "4000 blocks of 1 KiB: 64 spans of one page");
        blocks.forEach(block -> pool.free(block, 0));
        assertEquals(0, pool.bytesLive());
        assertTrue(context.count("cached_bytes") <= MidCache.capacity(0) * MidHeader.blockSize(0),
                "cached: " + context.count("cached_bytes"));
        assertTrue(context.count("central_givebacks") > 0);
        // Spans still holding the cached blocks, one partly used, and the spare: the rest went back.
        long spanBlocks = (1L << Segment.PAGE_SHIFT) / MidHeader.blockSize(0);
        long bound = (MidCache.capacity(0) + spanBlocks - 1) / spanBlocks + 2;
        assertTrue(context.count("spans") <= bound, "emptied spans went back: " + context.count("spans"));
    }

    @Test
    void aDoubleFreeAfterTheBlocksSpanWentBackIsStillADoubleFree() throws ReflectiveOperationException {
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            blocks.add(pool.allocate(1000));
        }
        blocks.forEach(block -> pool.free(block, 0));
        Field field = MidPages.class.getDeclaredField("segments");
        field.setAccessible(true);
        Segments segments = (Segments) field.get(pool);
        long stale = blocks.stream().filter(block -> segments.spanOf(block) == null
                && context.regions.lookup(block) >= RegionTable.MID_IDS).findFirst().orElseThrow();
        assertTrue(MidHeader.isFree(stale, NativeMemory.getLong(stale - 8)), "its free header is still there");
        var refused = pool.refuse(stale, "free");
        assertEquals(Reason.DOUBLE_FREE, refused.reason(), refused.getMessage());
    }

    @Test
    void aThreadCachingManyClassesStaysWithinItsBudget() {
        List<long[]> blocks = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (int c = 0; c < MidHeader.CLASSES; c++) {
                blocks.add(new long[] {pool.allocate(MidHeader.usableSize(c)), c});
            }
        }
        for (long[] block : blocks) {
            pool.free(block[0], (int) block[1]);
            assertTrue(context.count("cached_bytes") <= MidCache.BUDGET, "cached: " + context.count("cached_bytes"));
        }
        assertEquals(0, pool.bytesLive());
        Set<Long> again = new HashSet<>();
        for (long[] block : blocks) {
            assertTrue(again.add(pool.allocate(MidHeader.usableSize((int) block[1]))), "distinct");
        }
    }

    @Test
    void countersFollowTheFirstAllocationsAndFrees() {
        Map<String, Long> fresh = context.context.counters().snapshot();
        assertEquals(Set.of("segments", "spans", "central_takes", "central_givebacks", "cached_bytes", "caches",
                "caches_adopted"), fresh.keySet());
        assertTrue(fresh.values().stream().allMatch(value -> value == 0), fresh.toString());
        long block = pool.allocate(1024);
        assertEquals(1, context.count("segments"));
        assertEquals(1, context.count("spans"));
        assertEquals(1, context.count("central_takes"));
        // Half the class's room, but a batch ends with the span it started: a fresh span is all there is.
        long refill = Math.min(MidCache.capacity(0) / 2, (1L << Segment.PAGE_SHIFT) / MidHeader.blockSize(0));
        assertEquals((refill - 1) * MidHeader.blockSize(0), context.count("cached_bytes"), "the rest of the batch");
        pool.free(block, 0);
        assertEquals(refill * MidHeader.blockSize(0), context.count("cached_bytes"));
        assertEquals(0, context.count("central_givebacks"));
        pool.allocate(MidHeader.MAX_CLASS_SIZE);
        assertEquals(2, context.count("spans"));
        assertEquals(2, context.count("central_takes"));
        assertEquals(MidHeader.usableSize(MidHeader.CLASSES - 1), pool.bytesLive());
    }

    @Test
    void closeHandsEverySegmentToBatchAndLaterCallsAreRefused() {
        List<Long> blocks = new ArrayList<>();
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            blocks.add(pool.allocate(MidHeader.usableSize(c)));
        }
        long segments = context.count("segments");
        assertTrue(segments >= 2, "segments: " + segments);
        Set<Long> bases = new HashSet<>();
        for (long block : blocks) {
            bases.add(block & -RegionTable.REGION_SIZE);
        }
        pool.close();
        assertEquals(segments, context.releasedCount());
        Set<Long> released = new HashSet<>();
        for (long[] range : context.released) {
            assertEquals(RegionTable.REGION_SIZE, range[1]);
            assertEquals(-1, context.regions.lookup(range[0]), "unregistered");
            released.add(range[0]);
        }
        assertTrue(released.containsAll(bases), "every segment holding a block went to Batch");
        assertEquals(0, context.count("segments"));
        assertEquals(0, context.count("cached_bytes"));
        assertEquals(0, pool.bytesLive());
        assertThrows(IllegalStateException.class, () -> pool.allocate(2000));
        assertThrows(IllegalStateException.class, () -> pool.free(blocks.getFirst(), 0));
        pool.close();
        assertEquals(segments, context.releasedCount(), "a second close releases nothing");
    }

    @Test
    void aThreadThatOutlivesItsClosedPoolDoesNotKeepThePoolAlive() throws InterruptedException {
        TestContext other = new TestContext();
        MidPages doomed = other.pool();
        List<long[]> batch = other.released; // the context's counters reach the pool: keep only what Batch got
        other = null;
        WeakReference<MidPages> reference = new WeakReference<>(doomed);
        CountDownLatch used = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                allocateAndFree(reference); // in a frame of its own, so no dead local of this one holds the pool
            } catch (Throwable t) {
                failure.set(t);
            }
            used.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        used.await();
        doomed.close();
        int released = batch.size();
        doomed = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (reference.get() != null && System.nanoTime() < deadline) {
            collectGarbage();
        }
        boolean collected = reference.get() == null;
        finish.countDown();
        worker.join();
        assertEquals(null, failure.get());
        assertTrue(collected, "the live worker's cache kept the closed pool reachable");
        assertTrue(released > 0, "close handed the segment to Batch");
        assertEquals(released, batch.size(), "nothing more reached Batch after close");
    }

    private static void allocateAndFree(WeakReference<MidPages> reference) {
        MidPages pool = reference.get();
        pool.free(pool.allocate(4000), MidHeader.classOf(4000));
    }
}
