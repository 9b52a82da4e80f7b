package org.hakmem.box.midpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hakmem.api.spi.MidHeader;
import org.junit.jupiter.api.Test;

/** Covers a thread's mid cache: per-class capacity, the byte budget, LIFO order, refill sizes and dropping the oldest. */
class MidCacheTest {

    /** Caches hold addresses only; they never dereference them. */
    private static long fake(int sizeClass, int i) {
        return 0x7000_0000_0000L + ((long) sizeClass << 32) + 16L * (i + 1);
    }

    @Test
    void eachClassHoldsEightTo256BlocksAboutAMibWorth() {
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            int capacity = MidCache.capacity(c);
            long block = MidHeader.blockSize(c);
            assertTrue(capacity >= 8 && capacity <= 256, "class " + c + ": " + capacity);
            assertTrue(capacity == 8 || capacity * block <= MidCache.CLASS_BYTES, "class " + c + " fits its bytes");
            assertTrue(capacity == 256 || (capacity + 1) * block > MidCache.CLASS_BYTES, "class " + c + " uses them");
            assertEquals(capacity + 2, MidCache.base(c + 1) - MidCache.base(c), "class " + c + "'s room between its marks");
        }
        assertEquals(256, MidCache.capacity(0));
        assertEquals(8, MidCache.capacity(MidHeader.CLASSES - 1));
        assertEquals(4L << 20, MidCache.BUDGET);
    }

    @Test
    void onlySharedCachesHaveALock() {
        assertNull(new MidCache(false).sharedLock);
        assertNotNull(new MidCache(true).sharedLock);
    }

    @Test
    void pushFillsAClassToItsCapacityThenRefuses() {
        MidCache cache = new MidCache(false);
        int c = 8;
        int capacity = MidCache.capacity(c);
        for (int i = 0; i < capacity; i++) {
            assertTrue(cache.push(fake(c, i), c), "push " + i);
        }
        assertFalse(cache.push(fake(c, capacity), c), "full");
        assertEquals(capacity, cache.count(c));
        assertEquals(capacity * MidHeader.blockSize(c), cache.cachedBytes());
        assertEquals(0, cache.count(c + 1), "other classes untouched");
        assertTrue(cache.push(fake(c + 1, 0), c + 1), "another class still has room");
    }

    @Test
    void popIsLastInFirstOutAndZeroWhenEmpty() {
        MidCache cache = new MidCache(false);
        assertEquals(0, cache.pop(3));
        cache.push(fake(3, 1), 3);
        cache.push(fake(3, 2), 3);
        cache.push(fake(3, 3), 3);
        cache.push(fake(4, 1), 4);
        assertEquals(fake(3, 3), cache.pop(3));
        assertEquals(fake(3, 2), cache.pop(3));
        cache.push(fake(3, 4), 3);
        assertEquals(fake(3, 4), cache.pop(3));
        assertEquals(fake(3, 1), cache.pop(3));
        assertEquals(0, cache.pop(3));
        assertEquals(MidHeader.blockSize(4), cache.cachedBytes());
        assertEquals(fake(4, 1), cache.pop(4));
        assertEquals(0, cache.cachedBytes());
    }

    @Test
    void pushesNeverExceedTheBudget() {
        MidCache cache = new MidCache(false);
        boolean refusedForBudget = false;
        for (int round = 0; round < 64; round++) {
            for (int c = MidHeader.CLASSES - 1; c >= 0; c--) {
                boolean full = cache.count(c) == MidCache.capacity(c);
                boolean pushed = cache.push(fake(c, round), c);
                assertTrue(cache.cachedBytes() <= MidCache.BUDGET, "over budget: " + cache.cachedBytes());
                if (!pushed && !full) {
                    refusedForBudget = true;
                    assertTrue(cache.cachedBytes() + MidHeader.blockSize(c) > MidCache.BUDGET,
                            "class " + c + " refused with budget left");
                }
                if (pushed) {
                    assertTrue(!full, "class " + c + " took more than its capacity");
                }
            }
        }
        assertTrue(refusedForBudget, "the classes together would hold more than the budget");
        long expected = 0;
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            expected += cache.count(c) * MidHeader.blockSize(c);
        }
        assertEquals(expected, cache.cachedBytes());
    }

    @Test
    void aRefillBringsHalfTheClassAtMostAndStaysWithinTheBudget() {
        MidCache cache = new MidCache(false);
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            assertEquals(Math.min(MidCache.capacity(c) / 2, MidCache.BUDGET / MidHeader.blockSize(c)),
                    cache.refillCount(c), "an empty cache: half the class, as far as the budget goes");
        }
        int big = MidHeader.CLASSES - 1;
        for (int c = big; cache.cachedBytes() + MidHeader.blockSize(c) <= MidCache.BUDGET; ) {
            if (!cache.push(fake(c, cache.count(c)), c)) {
                c--;
            }
        }
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            int refill = cache.refillCount(c);
            assertTrue(refill >= 1 && refill <= MidCache.capacity(c) / 2, "class " + c + ": " + refill);
            assertTrue(refill == 1 || cache.cachedBytes() + refill * MidHeader.blockSize(c) <= MidCache.BUDGET,
                    "class " + c + ": a refill of " + refill + " would break the budget");
        }
        assertEquals(1, cache.refillCount(big), "no room left for even one big block: one still comes");
    }

    @Test
    void dropOldestKeepsTheNewestInOrder() {
        MidCache cache = new MidCache(false);
        for (int i = 0; i < 10; i++) {
            cache.push(fake(1, i), 1);
        }
        cache.dropOldest(1, 4);
        assertEquals(6, cache.count(1));
        assertEquals(6 * MidHeader.blockSize(1), cache.cachedBytes());
        for (int i = 9; i >= 4; i--) {
            assertEquals(fake(1, i), cache.pop(1));
        }
        assertEquals(0, cache.pop(1));
        assertEquals(0, cache.cachedBytes());
    }

    @Test
    void neighbouringClassesNeverSeeEachOthersBlocks() {
        MidCache cache = new MidCache(false, 1L << 30);
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            for (int i = 0; i < MidCache.capacity(c); i++) {
                assertTrue(cache.push(fake(c, i), c), "class " + c + " block " + i);
            }
            assertFalse(cache.push(fake(c, -1), c), "class " + c + " is full");
        }
        for (int c = MidHeader.CLASSES - 1; c >= 0; c--) {
            for (int i = MidCache.capacity(c) - 1; i >= 0; i--) {
                assertEquals(fake(c, i), cache.pop(c), "class " + c + " block " + i);
            }
            assertEquals(0, cache.pop(c));
        }
    }

    @Test
    void aRefillWrittenAboveTheCountIsRecordedByAdjust() {
        MidCache cache = new MidCache(false);
        cache.push(fake(5, 0), 5);
        long[] slots = cache.slots();
        slots[MidCache.base(5) + 1] = fake(5, 1);
        slots[MidCache.base(5) + 2] = fake(5, 2);
        cache.adjust(5, 2);
        assertEquals(3, cache.count(5));
        assertEquals(3 * MidHeader.blockSize(5), cache.cachedBytes());
        assertEquals(fake(5, 2), cache.pop(5));
    }

    @Test
    void cachedBytesCountHeadersAndCachedUsableBytesDoNot() {
        MidCache cache = new MidCache(false);
        cache.push(fake(0, 0), 0);
        cache.push(fake(0, 1), 0);
        cache.push(fake(20, 0), 20);
        assertEquals(2 * MidHeader.blockSize(0) + MidHeader.blockSize(20), cache.cachedBytes());
        assertEquals(2 * MidHeader.usableSize(0) + MidHeader.usableSize(20), cache.cachedUsableBytes());
        cache.pop(20);
        assertEquals(2 * MidHeader.usableSize(0), cache.cachedUsableBytes());
    }
}
