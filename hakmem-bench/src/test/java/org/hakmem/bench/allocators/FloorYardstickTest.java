package org.hakmem.bench.allocators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The yardstick must be a correct allocator for what it serves, or what it measures would mean nothing. */
class FloorYardstickTest {

    @Test
    void blocksOfEveryClassAreAlignedDisjointAndKeepTheirContents() {
        try (FloorYardstick floor = new FloorYardstick()) {
            long[] sizes = {0, 1, 8, 9, 24, 100, 1000, 1016, 4096, 40_000, FloorYardstick.MAX_POOLED,
                    FloorYardstick.MAX_POOLED + 1, 3L << 20};
            long[] addresses = new long[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                addresses[i] = floor.malloc(i, sizes[i]);
                assertEquals(0, addresses[i] & 7, "8-byte aligned");
                if (sizes[i] > FloorYardstick.TINY_MAX) {
                    assertEquals(0, addresses[i] & 15, "16-byte aligned above the tiny range, as hakmem's mid blocks");
                }
                if (sizes[i] > 0) {
                    Touch.everyByte(addresses[i], sizes[i], (byte) (i + 1));
                }
            }
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] > 0) {
                    assertEquals(i + 1, Touch.read(addresses[i]), "first byte of block " + i);
                    assertEquals(i + 1, Touch.read(addresses[i] + sizes[i] - 1), "last byte of block " + i);
                }
                floor.free(i, addresses[i]);
            }
        }
    }

    @Test
    void midBlocksLieOneAfterTheOtherNotOnTheirSizesAlignment() {
        try (FloorYardstick floor = new FloorYardstick()) {
            long first = floor.malloc(0, 4096);
            long second = floor.malloc(1, 4096);
            assertEquals(4096 + 16, second - first, "hakmem's mid layout: the next block right after, header between");
            assertNotEquals(0, second & 4095, "so headers of one class do not all share one cache set");
            floor.free(0, first);
            floor.free(1, second);
        }
    }

    @Test
    void aFreedBlockIsTheNextOfItsClass() {
        try (FloorYardstick floor = new FloorYardstick()) {
            long first = floor.malloc(0, 100);
            long other = floor.malloc(1, 400);
            floor.free(0, first);
            assertEquals(first, floor.malloc(0, 120), "100 B and 120 B share a class; its stack is last in, first out");
            floor.free(1, other);
            assertEquals(other, floor.malloc(1, 300));
        }
    }

    @Test
    void reallocKeepsTheContentsAndAlignedBlocksHonourTheAlignment() {
        try (FloorYardstick floor = new FloorYardstick()) {
            long address = floor.malloc(0, 16);
            Touch.everyByte(address, 16, (byte) 9);
            address = floor.realloc(0, address, 500_000);
            assertEquals(9, Touch.read(address + 15));
            address = floor.realloc(0, address, 12);
            assertEquals(9, Touch.read(address + 11));
            floor.free(0, address);
            long aligned = floor.alignedAlloc(1, 4096, 100);
            assertEquals(0, aligned & 4095);
            floor.free(1, aligned);
        }
    }

    @Test
    void refusesWhatItDidNotHandOutWithoutTouchingIt() {
        try (FloorYardstick floor = new FloorYardstick(); Arena arena = Arena.ofConfined()) {
            long block = floor.malloc(0, 200);
            assertThrows(IllegalArgumentException.class, () -> floor.free(0, block + 8), "interior pointer");
            assertThrows(IllegalArgumentException.class, () -> floor.free(0, block + 1), "unaligned pointer");
            long foreign = arena.allocate(64).address();
            assertThrows(IllegalArgumentException.class, () -> floor.free(0, foreign), "someone else's block");
            assertThrows(IllegalArgumentException.class, () -> floor.realloc(1, block + 16, 50),
                    "realloc of an interior pointer");
            floor.free(0, block);
            assertThrows(IllegalArgumentException.class, () -> floor.free(0, block), "double free");
            long again = floor.malloc(0, 200);
            assertEquals(block, again, "the refusals left the stack as it was");
            floor.free(0, again);
            long mid = floor.malloc(2, 5000);
            assertThrows(IllegalArgumentException.class, () -> floor.free(2, mid + 16), "interior pointer, mid");
            floor.free(2, mid);
            assertThrows(IllegalArgumentException.class, () -> floor.free(2, mid), "double free, mid");
            assertEquals(mid, floor.malloc(2, 5000), "the refusals left the mid stack as it was");
            floor.free(2, mid);
        }
    }

    @Test
    void eachThreadHasItsOwnStacksAndANewThreadTakesOverADeadOnes() throws InterruptedException {
        try (FloorYardstick floor = new FloorYardstick()) {
            long mine = floor.malloc(0, 64);
            floor.free(0, mine);
            long[] theirs = new long[2];
            Thread other = Thread.ofPlatform().start(() -> {
                theirs[0] = floor.malloc(1, 64);
                floor.free(1, theirs[0]);
            });
            other.join();
            assertNotEquals(mine, theirs[0], "the other thread did not take the block on this thread's stack");
            Thread successor = Thread.ofPlatform().start(() -> theirs[1] = floor.malloc(2, 64));
            successor.join();
            assertEquals(theirs[0], theirs[1], "a new thread took over the dead thread's heap, stacks and all");
            floor.free(2, theirs[1]); // freed by another thread: it joins this thread's stack
            assertEquals(theirs[1], floor.malloc(3, 64));
            assertEquals(mine, floor.malloc(4, 64));
            assertFalse(AllocatorCatalog.sharesAcrossThreads("floor"), "left out of the bench's several-thread passes");
            assertFalse(AllocatorCatalog.isPeer("floor"), "a yardstick never sets the best peer");
        }
    }

    @Test
    void refusesMoreThreadsThanItHasHeapsWhileTheyLive() throws InterruptedException {
        try (FloorYardstick floor = new FloorYardstick()) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch bound = new CountDownLatch(FloorYardstick.HEAPS);
            List<Thread> holders = new ArrayList<>();
            for (int i = 0; i < FloorYardstick.HEAPS; i++) {
                holders.add(Thread.ofPlatform().start(() -> {
                    floor.free(0, floor.malloc(0, 16));
                    bound.countDown();
                    awaitQuietly(release);
                }));
            }
            bound.await();
            var refused = assertThrows(IllegalStateException.class, () -> floor.malloc(0, 16));
            assertTrue(refused.getMessage().contains("at most " + FloorYardstick.HEAPS), refused.getMessage());
            release.countDown();
            for (Thread holder : holders) {
                holder.join();
            }
            floor.free(0, floor.malloc(0, 16)); // their heaps are free to take over now
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
