package org.hakmem.box.heapv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hakmem.api.spi.StandaloneContext;
import org.hakmem.api.spi.TinyFront.Supply;
import org.hakmem.api.spi.TinyHeader;
import org.junit.jupiter.api.Test;

/**
 * Owns one Magazine: its 16 slots per class, LIFO order, which classes its mask serves, refill sizes, cachedBytes,
 * retire and its stats. A magazine never touches a block, so the blocks are never-mapped 8-byte aligned addresses.
 */
class MagazineTest {

    private static final int ALL = 0b1111;

    private final HeapV2Front owner =
            new HeapV2Front(StandaloneContext.builder().build(), ALL, Supply.STEALING, false);

    private Magazine magazine(int classMask, boolean stats) {
        return new Magazine(classMask, stats, owner);
    }

    private static long block(int sizeClass, int i) {
        return 0x7f00_0000_0000L + ((long) sizeClass << 20) + 64L * i;
    }

    private record Retired(long address, int sizeClass) {
    }

    private static List<Retired> retire(Magazine magazine) {
        List<Retired> sunk = new ArrayList<>();
        magazine.retire((address, sizeClass) -> sunk.add(new Retired(address, sizeClass)));
        return sunk;
    }

    @Test
    void holdsSixteenBlocksPerClassAndPopsTheNewestFirst() {
        Magazine magazine = magazine(ALL, false);
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 16; i++) {
                assertTrue(magazine.push(block(c, i), c), "C" + c + " slot " + i);
            }
            assertFalse(magazine.push(block(c, 16), c), "C" + c + " is full at 16");
        }
        for (int c = 0; c < 4; c++) {
            for (int i = 15; i >= 0; i--) {
                assertEquals(block(c, i), magazine.pop(c), "C" + c);
            }
            assertEquals(0, magazine.pop(c), "C" + c + " empty");
        }
    }

    @Test
    void pushesAndPopsInterleaveAsAStack() {
        Magazine magazine = magazine(ALL, false);
        magazine.push(block(2, 0), 2);
        magazine.push(block(2, 1), 2);
        assertEquals(block(2, 1), magazine.pop(2));
        magazine.push(block(2, 2), 2);
        assertEquals(block(2, 2), magazine.pop(2));
        assertEquals(block(2, 0), magazine.pop(2));
        assertEquals(0, magazine.pop(2));
    }

    @Test
    void theClassMaskDecidesWhichOfC0ToC3AreServed() {
        for (int mask = 0; mask <= ALL; mask++) {
            Magazine magazine = magazine(mask, false);
            for (int c = 0; c < TinyHeader.CLASSES; c++) {
                boolean served = c < 4 && (mask & 1 << c) != 0;
                String what = "mask " + Integer.toBinaryString(mask) + ", C" + c;
                assertEquals(served, (magazine.classes() >>> c & 1) != 0, what + ": what it tells the pool");
                assertEquals(served, magazine.push(block(c, 0), c), what);
                assertEquals(served ? block(c, 0) : 0, magazine.pop(c), what);
                assertEquals(served ? 8 : 0, magazine.refillCount(c), what);
            }
        }
    }

    @Test
    void maskOfC0AndC2ServesThoseTwoOnly() {
        Magazine magazine = magazine(0b0101, false);
        assertTrue(magazine.push(block(0, 0), 0));
        assertFalse(magazine.push(block(1, 0), 1));
        assertTrue(magazine.push(block(2, 0), 2));
        assertFalse(magazine.push(block(3, 0), 3));
        assertEquals(0, magazine.pop(1));
        assertEquals(0, magazine.pop(3));
        assertEquals(TinyHeader.usableSize(0) + TinyHeader.usableSize(2), magazine.cachedBytes());
        assertEquals(block(2, 0), magazine.pop(2));
        assertEquals(block(0, 0), magazine.pop(0));
    }

    @Test
    void classesFourAndUpAreNeverServedWhateverTheMask() {
        Magazine magazine = magazine(0xFF, false); // bits above C3 must not open C4-C7
        for (int c = 4; c < TinyHeader.CLASSES; c++) {
            assertFalse(magazine.push(block(c, 0), c), "C" + c);
            assertEquals(0, magazine.pop(c), "C" + c);
            assertEquals(0, magazine.refillCount(c), "C" + c);
        }
        assertEquals(0, magazine.cachedBytes());
    }

    @Test
    void theClassesAreIndependent() {
        Magazine magazine = magazine(ALL, false);
        for (int i = 0; i < 16; i++) {
            magazine.push(block(1, i), 1);
        }
        assertTrue(magazine.push(block(2, 0), 2), "a full C1 leaves C2 room");
        assertEquals(block(2, 0), magazine.pop(2));
        assertEquals(0, magazine.pop(2), "C2 never hands out a C1 block");
        assertEquals(0, magazine.pop(0));
        assertEquals(0, magazine.pop(3));
        assertEquals(block(1, 15), magazine.pop(1));
    }

    @Test
    void cachedBytesCountsWhatTheUserCouldUse() {
        Magazine magazine = magazine(ALL, false);
        assertEquals(0, magazine.cachedBytes());
        int[] blocks = {2, 3, 1, 4};
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < blocks[c]; i++) {
                magazine.push(block(c, i), c);
            }
        }
        // C0 blocks are all header: 8-byte blocks hold a 0-byte request.
        assertEquals(2 * 0 + 3 * 8 + 1 * 24 + 4 * 56, magazine.cachedBytes());
        magazine.pop(3);
        assertEquals(3 * 8 + 1 * 24 + 3 * 56, magazine.cachedBytes());
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 16; i++) {
                magazine.push(block(c, 100 + i), c);
            }
        }
        assertEquals(16 * (0 + 8 + 24 + 56), magazine.cachedBytes(), "full");
    }

    @Test
    void retireHandsEveryBlockToTheSinkOnceNewestFirstAndEmptiesTheMagazine() {
        Magazine magazine = magazine(ALL, false);
        List<Retired> pushed = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 3 + 4 * c; i++) {
                magazine.push(block(c, i), c);
                pushed.add(new Retired(block(c, i), c));
            }
        }
        List<Retired> sunk = retire(magazine);
        assertEquals(pushed.size(), sunk.size(), "each block once");
        assertTrue(sunk.containsAll(pushed));
        for (int c = 0; c < 4; c++) {
            int sizeClass = c;
            List<Retired> ofClass = sunk.stream().filter(r -> r.sizeClass() == sizeClass).toList();
            List<Retired> newestFirst = pushed.stream().filter(r -> r.sizeClass() == sizeClass).toList().reversed();
            assertEquals(newestFirst, ofClass, "C" + c + " in pop order");
        }
        assertEquals(0, magazine.cachedBytes());
        for (int c = 0; c < 4; c++) {
            assertEquals(0, magazine.pop(c));
        }
        assertEquals(List.of(), retire(magazine), "nothing left to give");
    }

    @Test
    void countsAllocCallsHitsAndRefillsWhenStatsAreOn() {
        Magazine magazine = magazine(0b0111, true);
        assertEquals(0, magazine.pop(2)); // call, no hit
        for (int i = 0; i < 8; i++) {
            magazine.push(block(2, i), 2);
        }
        magazine.refilled(2);
        magazine.pop(2); // call, hit
        magazine.pop(2); // call, hit
        magazine.push(block(0, 0), 0);
        magazine.pop(0); // call, hit
        magazine.pop(3); // not served: not an alloc call of this magazine
        magazine.pop(5); // never served
        assertEquals(4, magazine.allocCalls);
        assertEquals(3, magazine.magHits);
        assertEquals(1, magazine.refills);
        retire(magazine);
        assertEquals(4, magazine.allocCalls, "retiring is no allocation");
        assertEquals(3, magazine.magHits);
    }

    @Test
    void countsNothingWhenStatsAreOff() {
        Magazine magazine = magazine(ALL, false);
        magazine.pop(1);
        magazine.push(block(1, 0), 1);
        magazine.pop(1);
        magazine.refilled(1);
        assertEquals(0, magazine.allocCalls);
        assertEquals(0, magazine.magHits);
        assertEquals(0, magazine.refills);
    }
}
