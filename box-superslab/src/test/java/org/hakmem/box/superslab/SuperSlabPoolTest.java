package org.hakmem.box.superslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.InvalidAddressException.Reason;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.TinyHeader;
import org.junit.jupiter.api.Test;

class SuperSlabPoolTest {

    private final TestContext context = new TestContext(Map.of());
    private final SuperSlabPool pool = context.pool();

    @Test
    void blocksOfEveryClassAreDistinctAlignedTaggedAndInsideARegisteredSuperSlab() {
        Set<Long> seen = new HashSet<>();
        for (long size = 0; size <= TinyHeader.MAX_SIZE; size += 7) {
            long block = pool.allocate(size);
            assertTrue(seen.add(block), "distinct");
            assertEquals(0, block % 8, "8-byte aligned");
            assertTrue(context.regions.lookup(block) >= 0, "inside a registered SuperSlab");
            int c = TinyHeader.classOf(size);
            assertEquals(TinyHeader.live(c), NativeMemory.getLong(block - 8));
            assertEquals(TinyHeader.usableSize(c), pool.usableSize(block));
            NativeMemory.fill(block, size, (byte) 0x33);
        }
        assertTrue(pool.bytesLive() > 0);
        for (long block : seen) {
            pool.free(block, TinyHeader.liveClass(NativeMemory.getLong(block - 8)));
        }
        assertEquals(0, pool.bytesLive());
    }

    @Test
    void aLocallyFreedBlockIsTheNextOneHandedOut() {
        long a = pool.allocate(16);
        long b = pool.allocate(16);
        pool.free(a, 2);
        assertEquals(a, pool.allocate(16));
        pool.free(b, 2);
        assertEquals(2, context.count("tls_sll"), "both frees went to the thread-local free list");
        assertEquals(0, context.count("ss_remote"));
        assertEquals(TinyHeader.usableSize(2), context.count("cached_bytes"), "b waits in the list, not live");
        assertEquals(TinyHeader.usableSize(2), pool.bytesLive(), "a, handed out again, is the one live block");
    }

    @Test
    void aThreadLocalFreeListHoldsAtMostItsBoundAndHandsTheRestBack() {
        int blocks = 3000;
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            all.add(pool.allocate(100)); // C4: 128-byte blocks
        }
        all.forEach(block -> pool.free(block, 4));
        long bound = TinyHeap.sllCapacity(4) * TinyHeader.usableSize(4);
        assertTrue(context.count("cached_bytes") <= bound, context.count("cached_bytes") + " > " + bound);
        assertTrue(context.count("ss_local") >= blocks - TinyHeap.sllCapacity(4), "the overflow went to the slabs");
        assertEquals(0, pool.bytesLive());
    }

    @Test
    void withoutStrictFreeADoubleFreeIsStillRefused() {
        TestContext loose = new TestContext(Map.of("HAKMEM_TINY_STRICT_FREE", "0"));
        SuperSlabPool pool = loose.pool();
        long block = pool.allocate(40);
        pool.free(block, 3);
        var twice = assertThrows(InvalidAddressException.class, () -> pool.free(block, 3));
        assertEquals(Reason.DOUBLE_FREE, twice.reason());
        assertEquals(block, pool.allocate(40), "the block came back once, not twice");
        assertNotEquals(block, pool.allocate(40));
    }

    @Test
    void aDoubleFreeAndAnInteriorPointerAreRefusedAndNothingChanges() {
        long a = pool.allocate(100);
        long b = pool.allocate(100);
        pool.free(a, 4);
        var twice = assertThrows(InvalidAddressException.class, () -> pool.free(a, 4));
        assertEquals(Reason.DOUBLE_FREE, twice.reason());
        assertEquals(Reason.DOUBLE_FREE, pool.refuse(a, "free").reason());
        var interior = pool.refuse(b + 8, "free");
        assertEquals(Reason.INTERIOR_POINTER, interior.reason());
        assertTrue(interior.getMessage().contains("0x" + Long.toHexString(b)), interior.getMessage());
        assertEquals(-1, pool.usableSize(a), "a freed block has no usable size");
        assertEquals(120, pool.usableSize(b));
        pool.free(b, 4);
    }

    @Test
    void c0BlocksWhoseAddressIsTheNextSlabsOrRegionsFirstByteAreSizedFreedAndDrainedLikeAnyOther() {
        // C0 is an 8-byte header and nothing else (malloc(0)): the last block of a slab hands out the address just past
        // it, the next slab's first byte, and the last of the SuperSlab the next region's. A fresh pool fills its first
        // SuperSlab's slabs in order, so the region's edge comes after every slab's.
        int perSuperSlab = (int) (RegionTable.REGION_SIZE / TinyHeader.blockSize(0));
        long[] blocks = new long[perSuperSlab];
        int slabEdges = 0;
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = pool.allocate(0);
            if ((blocks[i] & (Slab.SIZE - 1)) == 0) {
                slabEdges++;
                assertEquals(0, pool.usableSize(blocks[i]), "a live C0 block at a slab's edge");
            }
        }
        long regionEdge = blocks[blocks.length - 1];
        assertEquals(0, regionEdge & (RegionTable.REGION_SIZE - 1), "the last block's address is the next region's start");
        assertEquals(RegionTable.REGION_SIZE / Slab.SIZE, slabEdges, "every slab's last block, the region's included");
        pool.free(regionEdge, 0);
        assertEquals(Reason.DOUBLE_FREE, assertThrows(InvalidAddressException.class, () -> pool.free(regionEdge, 0))
                .reason());
        assertEquals(-1, pool.usableSize(regionEdge), "freed");
        // The rest overflow the free list many times over, so the edge blocks go back to their slabs through drains too.
        for (int i = 0; i < blocks.length - 1; i++) {
            pool.free(blocks[i], 0);
        }
        assertEquals(0, pool.bytesLive());
    }

    @Test
    void blocksFreedByAnotherThreadGoRemoteAndComeBackToTheOwner() throws InterruptedException {
        int slabOfC3 = (int) (Slab.SIZE / 64);
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < slabOfC3; i++) {
            blocks.add(pool.allocate(32));
        }
        long heapsBefore = context.count("heaps");
        Thread other = Thread.ofPlatform().start(() -> blocks.forEach(block -> pool.free(block, 3)));
        other.join();
        // The other thread's free list overflowed to the remote list as it went; the rest follows once the pool finds
        // it dead, which it looks for before it would map memory: so every block of the SuperSlab fits, this thread's
        // first slab included (the owner collects the remote frees when it needs the next block).
        assertTrue(context.count("ss_remote") < slabOfC3, "the dead thread's free list still holds blocks");
        assertEquals(0, pool.bytesLive());
        Set<Long> again = new HashSet<>();
        for (int i = 0; i < SuperSlab.SLABS * slabOfC3; i++) {
            again.add(pool.allocate(32));
        }
        assertEquals(1, context.count("superslabs"), "no SuperSlab mapped while a dead thread held blocks");
        assertEquals(heapsBefore, context.count("heaps"), "the dead thread's heap was retired");
        assertEquals(slabOfC3, context.count("ss_remote"));
        assertTrue(again.containsAll(blocks), "the remote frees were reused");
    }

    @Test
    void theSlabsOfAThreadThatDiedAreAdoptedByAnother() throws Exception {
        pool.free(pool.allocate(16), 2); // this thread's own heap exists before the count below (no C3 slab)
        List<Long> kept = new ArrayList<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 2000; i++) {
                long block = pool.allocate(48);
                if (i % 2 == 0) {
                    kept.add(block);
                } else {
                    pool.free(block, 3);
                }
            }
        });
        worker.join();
        long heapsWithWorker = context.count("heaps");
        kept.forEach(block -> pool.free(block, 3)); // remote frees into the dead thread's slabs
        assertEquals(heapsWithWorker, context.count("heaps"), "a dead thread's heap waits for a new thread to adopt it");
        // Every C3 block the SuperSlab has room for beside this thread's C2 slab: they fit only if the dead thread's
        // slabs are reclaimed before the pool would map another SuperSlab.
        Set<Long> reused = new HashSet<>();
        for (int i = 0; i < (SuperSlab.SLABS - 1) * (Slab.SIZE / 64); i++) {
            reused.add(pool.allocate(48));
        }
        assertEquals(heapsWithWorker - 1, context.count("heaps"), "reclaimed when the pool ran out of slabs");
        assertEquals(1, context.count("superslabs"), "no new SuperSlab: the orphaned slabs were adopted");
        assertTrue(reused.containsAll(kept), "blocks the dead thread held are reusable by this thread");
    }

    @Test
    void aHundredThousandVirtualThreadsShareABoundedNumberOfHeaps() throws InterruptedException {
        long heapsBefore = context.count("heaps");
        List<Thread> threads = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(100_000);
        for (int i = 0; i < 100_000; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                long block = pool.allocate(24);
                NativeMemory.putLong(block, block);
                pool.free(block, 2);
                done.countDown();
            }));
        }
        done.await();
        long made = context.count("heaps") - heapsBefore;
        assertTrue(made >= 1 && made <= Runtime.getRuntime().availableProcessors(),
                "virtual threads use the shared heaps only, one per processor at most: " + made);
        assertEquals(0, pool.bytesLive());
        assertTrue(context.count("superslabs") <= 2, "superslabs: " + context.count("superslabs"));
    }

    @Test
    void aSuperSlabWhoseBlocksAllCameBackGoesToBatch() {
        List<Long> blocks = new ArrayList<>();
        // Three SuperSlabs' worth of 1 KiB blocks: 32 slabs x 64 blocks each.
        for (int i = 0; i < 3 * 32 * 64; i++) {
            blocks.add(pool.allocate(1000));
        }
        assertEquals(3, context.count("superslabs"));
        blocks.forEach(block -> pool.free(block, 7));
        assertTrue(context.count("superslabs") < 3, "emptied SuperSlabs were released");
        assertNotEquals(0, context.released.size());
        for (long[] released : context.released) {
            assertEquals(RegionTable.REGION_SIZE, released[1]);
            assertEquals(-1, context.regions.lookup(released[0]), "unregistered before it went to Batch");
        }
    }

    @Test
    void aThreadThatOutlivesItsClosedPoolDoesNotKeepThePoolAlive() throws InterruptedException {
        SuperSlabPool other = new TestContext(Map.of()).pool();
        other.free(other.allocate(16), 2); // this thread now has a heap in that pool
        other.close();
        WeakReference<SuperSlabPool> gone = new WeakReference<>(other);
        other = null;
        for (int attempt = 0; attempt < 50 && gone.get() != null; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(gone.get(), "the pool was collected although this thread lives on");
    }

    @Test
    void closeHandsEverySuperSlabToBatch() {
        pool.allocate(8);
        pool.allocate(500);
        pool.close();
        assertEquals(0, pool.bytesLive());
        assertThrows(IllegalStateException.class, () -> pool.allocate(16), "no block from unmapped memory");
        assertEquals(1, context.released.size());
        assertEquals(-1, context.regions.lookup(context.released.get(0)[0]));
    }
}
