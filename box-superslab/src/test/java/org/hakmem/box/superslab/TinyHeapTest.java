package org.hakmem.box.superslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.TinyFront.Supply;
import org.hakmem.api.spi.TinyHeader;
import org.junit.jupiter.api.Test;

/** Owns the order a heap asks its fronts, its free lists and its slabs in, and what a retiring heap gives back. */
class TinyHeapTest {

    @Test
    void theOuterFrontTakesFreesFirstAndHandsThemOutMarkedLive() {
        RecordingFront outer = new RecordingFront(Supply.STEALING, 2, 0);
        RecordingFront inner = new RecordingFront(Supply.STEALING, 2, 0);
        TestContext context = new TestContext(Map.of(), List.of(outer, inner));
        SuperSlabPool pool = context.pool();
        long[] blocks = new long[5];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = pool.allocate(16);
        }
        for (long block : blocks) {
            pool.free(block, 2);
        }
        RecordingFront.Cache first = outer.caches.getFirst();
        RecordingFront.Cache second = inner.caches.getFirst();
        assertTrue(first.holds(blocks[0]) && first.holds(blocks[1]), "the outer front filled first");
        assertTrue(second.holds(blocks[2]) && second.holds(blocks[3]), "then the inner one");
        assertEquals(1, context.count("tls_sll"), "then the free list");
        assertEquals(TinyHeader.free(2), NativeMemory.getLong(blocks[0] - 8), "a cached block is marked free");
        assertEquals(blocks[1], pool.allocate(16), "the outer front's newest block comes out first");
        assertEquals(TinyHeader.live(2), NativeMemory.getLong(blocks[1] - 8));
        assertEquals(TinyHeader.usableSize(2), pool.bytesLive());
    }

    @Test
    void aFrontIsNeverAskedAboutAClassItDoesNotHold() {
        RecordingFront outer = new RecordingFront(Supply.STEALING, 4, 0, 1 << 2);
        RecordingFront inner = new RecordingFront(Supply.STEALING, 4, 0, 1 << 3);
        TestContext context = new TestContext(Map.of(), List.of(outer, inner));
        SuperSlabPool pool = context.pool();
        long small = pool.allocate(16);
        long large = pool.allocate(100);
        pool.free(small, 2);
        pool.free(large, 4);
        assertEquals(small, pool.allocate(16), "C2 went through the outer front");
        assertEquals(large, pool.allocate(100), "C4 went through the free list");
        RecordingFront.Cache first = outer.caches.getFirst();
        RecordingFront.Cache second = inner.caches.getFirst();
        assertEquals(0, first.asked[4] + second.asked[4], "neither front holds C4: neither was asked");
        assertTrue(first.asked[2] > 0, "the outer front was asked about its class");
        assertEquals(1, context.count("tls_sll"), "the C4 block went to the free list");
    }

    @Test
    void inLeftoverModeTheInnerFrontGetsOnlyBlocksOfSlabsTheThreadDoesNotOwn() throws InterruptedException {
        RecordingFront leftover = new RecordingFront(Supply.LEFTOVER, 16, 0);
        TestContext context = new TestContext(Map.of(), List.of(leftover));
        SuperSlabPool pool = context.pool();
        long own = pool.allocate(16);
        long[] theirs = new long[1];
        Thread other = Thread.ofPlatform().start(() -> theirs[0] = pool.allocate(16));
        other.join();
        pool.free(own, 2);
        pool.free(theirs[0], 2);
        RecordingFront.Cache cache = leftover.caches.stream().filter(c -> c.holds(theirs[0])).findFirst().orElseThrow();
        assertFalse(cache.holds(own), "the slab owner (this thread) took its own block back");
        assertEquals(1, context.count("tls_sll"));
    }

    @Test
    void aFrontThatAsksForARefillGetsABatchMarkedFreeAfterAMiss() {
        RecordingFront refilling = new RecordingFront(Supply.STEALING, 16, 6);
        TestContext context = new TestContext(Map.of(), List.of(refilling));
        SuperSlabPool pool = context.pool();
        long block = pool.allocate(40);
        RecordingFront.Cache cache = refilling.caches.getFirst();
        assertEquals(1, cache.refills);
        assertEquals(6, cache.counts[3]);
        for (int i = 0; i < 6; i++) {
            long cached = cache.stacks[3][i];
            assertTrue(cached != block);
            assertEquals(TinyHeader.free(3), NativeMemory.getLong(cached - 8), "a refilled block is not live");
        }
        assertEquals(TinyHeader.usableSize(3), pool.bytesLive(), "only the block handed out is live");
        assertEquals(6 * TinyHeader.usableSize(3), context.count("cached_bytes"));
    }

    @Test
    void whenAThreadDiesItsFrontsAndFreeListsGiveTheirBlocksBackForOthersToReuse() throws Exception {
        RecordingFront front = new RecordingFront(Supply.STEALING, 8, 0);
        TestContext context = new TestContext(Map.of(), List.of(front));
        SuperSlabPool pool = context.pool();
        pool.free(pool.allocate(500), 6); // this thread's heap exists before the count below (no C2 slab)
        long heapsBefore = context.count("heaps");
        long cachedHere = context.count("cached_bytes");
        List<Long> freedThere = new ArrayList<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            List<Long> blocks = new ArrayList<>();
            // 29 front misses counted (the first malloc's slab refill opens a window): still asked when the frees come
            for (int i = 0; i < 30; i++) {
                blocks.add(pool.allocate(16));
            }
            blocks.forEach(block -> pool.free(block, 2)); // 8 into the front, the rest into the free list
            freedThere.addAll(blocks);
        });
        worker.join();
        assertTrue(context.count("cached_bytes") > cachedHere);
        // The pool looks for dead threads before it would map memory: C7 blocks for every slab left in the SuperSlab.
        List<Long> filler = new ArrayList<>();
        while (context.count("heaps") > heapsBefore && filler.size() < SuperSlab.SLABS * (Slab.SIZE / 1024)) {
            filler.add(pool.allocate(1000));
        }
        assertEquals(heapsBefore, context.count("heaps"), "the dead thread's heap was retired");
        assertEquals(1, context.count("superslabs"), "before another SuperSlab was mapped");
        assertTrue(front.caches.getLast().retired);
        assertEquals(cachedHere, context.count("cached_bytes"), "nothing stays cached for a dead thread");
        long deadSlab = freedThere.get(0) & -Slab.SIZE;
        assertTrue(filler.stream().anyMatch(block -> (block & -Slab.SIZE) == deadSlab),
                "the dead thread's slab, all of its blocks back, serves this thread's class now");
        filler.forEach(block -> pool.free(block, 7));
        assertEquals(0, pool.bytesLive());
    }

    @Test
    void aNewThreadTakesOverTheHeapOfAThreadThatDiedWithItsWarmFreeList() throws InterruptedException {
        TestContext context = new TestContext(Map.of());
        SuperSlabPool pool = context.pool();
        long[] freed = new long[1];
        Thread first = Thread.ofPlatform().start(() -> {
            freed[0] = pool.allocate(200);
            pool.free(freed[0], 5);
        });
        first.join();
        long heaps = context.count("heaps");
        long[] got = new long[1];
        Thread second = Thread.ofPlatform().start(() -> got[0] = pool.allocate(200));
        second.join();
        assertEquals(heaps, context.count("heaps"), "no new heap");
        assertEquals(1, context.count("heaps_adopted"));
        assertEquals(freed[0], got[0], "the dead thread's free list served the new thread");
        pool.free(got[0], 5);
        assertEquals(0, pool.bytesLive());
    }

    @Test
    void aDueDrainWaitsForTheNextSlowStepThenHandsBackTheOlderHalfOfEveryList() {
        TestContext context = new TestContext(Map.of("HAKMEM_TINY_SLL_DRAIN_INTERVAL", "64"));
        SuperSlabPool pool = context.pool();
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            blocks.add(pool.allocate(100)); // C4: its list holds up to 128
        }
        for (long block : blocks.subList(0, 64)) {
            pool.free(block, 4);
        }
        assertEquals(64, context.count("tls_sll"));
        assertEquals(0, context.count("ss_local"), "the 64th free only made the drain due");
        assertEquals(blocks.get(63), pool.allocate(100), "a malloc its list serves is no slow step");
        assertEquals(0, context.count("ss_local"));
        pool.allocate(200); // C5 has no slab yet: this malloc refills one, a slow step, and the drain runs first
        assertEquals(32, context.count("ss_local"), "the older half of the 63 listed went back to their slab");
        assertEquals(blocks.get(62), pool.allocate(100), "the newer half stayed listed");
    }

    @Test
    void frontsThatKeepMissingStandAsideForADrainWindowKeepingTheirBlocksThenAreAskedAgain() {
        RecordingFront front = new RecordingFront(Supply.STEALING, 4, 0, 1 << 2 | 1 << 3);
        TestContext context = new TestContext(Map.of("HAKMEM_TINY_SLL_DRAIN_INTERVAL", "64"), List.of(front));
        SuperSlabPool pool = context.pool();
        long[] held = new long[4];
        for (int i = 0; i < held.length; i++) {
            held[i] = pool.allocate(16);
        }
        for (long block : held) {
            pool.free(block, 2);
        }
        RecordingFront.Cache cache = front.caches.getFirst();
        assertEquals(4, cache.counts[2], "the C2 blocks went into the front");
        // A burst of C3 mallocs: the front has none, so each one misses it (the first one's slab refill restarts
        // the drain interval, and with it the window).
        List<Long> burst = new ArrayList<>();
        for (int i = 0; i <= TinyHeap.FRONT_MISS_LIMIT; i++) {
            burst.add(pool.allocate(40));
        }
        assertEquals(0, context.count("front_bypasses"), "up to the limit the front is still asked");
        burst.add(pool.allocate(40));
        assertEquals(1, context.count("front_bypasses"), "one miss more and it stands aside");
        int asked = cache.asked[2] + cache.asked[3];
        long block = pool.allocate(16);
        for (int i = 0; i < 63; i++) {
            pool.free(block, 2);
            assertEquals(block, pool.allocate(16), "standing aside, C2 goes through the free list");
        }
        assertEquals(asked, cache.asked[2] + cache.asked[3], "nobody asked the front meanwhile");
        assertEquals(4, cache.counts[2], "it kept its blocks");
        assertEquals(burst.size() * TinyHeader.usableSize(3) + TinyHeader.usableSize(2), pool.bytesLive());
        assertTrue(context.count("cached_bytes") >= 4 * TinyHeader.usableSize(2), "and they still count as cached");
        pool.free(block, 2); // the 64th free onto the lists ends the window, and the bypass with it
        assertEquals(held[3], pool.allocate(16), "the front is asked again, and its newest block comes out");
        assertEquals(1, context.count("front_bypasses"));
    }

    @Test
    void aHotClassThatStaysWithinTheFrontNeverMakesItStandAside() {
        RecordingFront front = new RecordingFront(Supply.STEALING, 4, 0, 1 << 2);
        TestContext context = new TestContext(Map.of("HAKMEM_TINY_SLL_DRAIN_INTERVAL", "64"), List.of(front));
        SuperSlabPool pool = context.pool();
        long block = pool.allocate(16);
        for (int i = 0; i < 10_000; i++) {
            pool.free(block, 2);
            block = pool.allocate(16);
        }
        assertEquals(0, context.count("front_bypasses"));
        assertEquals(0, context.count("tls_sll"), "every free went into the front");
    }
}
