package org.hakmem.box.ultrahot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.StandaloneContext;
import org.hakmem.api.spi.TinyHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Owns one HotLine: its slots, LIFO order, the count packed into slot 0, cachedBytes, retire and its stats. HotLine
 * never touches a block, so the blocks are 8-byte aligned addresses that were never mapped; the line itself is the
 * middle of three native cache lines whose outer two are guards that must stay untouched.
 */
class HotLineTest {

    private static final long BASE = 0x7f00_0000_1000L;
    private static final byte GUARD = 0x5a;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment lines = arena.allocate(3 * LineArena.LINE, LineArena.LINE);
    private final long line = lines.address() + LineArena.LINE;
    private final UltraHotFront owner =
            new UltraHotFront(StandaloneContext.builder().batch(new RecordingBatch()).build(), false);

    HotLineTest() {
        lines.fill(GUARD);
        NativeMemory.fill(line, LineArena.LINE, (byte) 0);
    }

    @AfterEach
    void closeArena() {
        arena.close();
    }

    private HotLine hotLine(boolean stats) {
        return new HotLine(line, stats, owner);
    }

    private static long block(int i) {
        return BASE + 64L * i;
    }

    private record Retired(long address, int sizeClass) {
    }

    private static List<Retired> retire(HotLine hot) {
        List<Retired> sunk = new ArrayList<>();
        hot.retire((address, sizeClass) -> sunk.add(new Retired(address, sizeClass)));
        return sunk;
    }

    @Test
    void popsTheNewestBlockFirst() {
        HotLine hot = hotLine(false);
        for (int i = 0; i < 4; i++) {
            assertTrue(hot.push(block(i), 2));
        }
        for (int i = 3; i >= 0; i--) {
            assertEquals(block(i), hot.pop(2));
        }
        assertEquals(0, hot.pop(2), "empty");
        assertTrue(hot.push(block(10), 3));
        assertTrue(hot.push(block(11), 3));
        assertEquals(block(11), hot.pop(3));
        assertTrue(hot.push(block(12), 3));
        assertEquals(block(12), hot.pop(3));
        assertEquals(block(10), hot.pop(3));
        assertEquals(0, hot.pop(3));
    }

    @Test
    void servesClassesTwoAndThreeOnly() {
        HotLine hot = hotLine(false);
        assertEquals(0b1100, hot.classes(), "what it tells the pool it holds");
        for (int c = 0; c < TinyHeader.CLASSES; c++) {
            if (c == 2 || c == 3) {
                continue;
            }
            assertFalse(hot.push(block(c), c), "C" + c + " is not UltraHot's");
            assertEquals(0, hot.pop(c), "C" + c);
            assertEquals(0, hot.refillCount(c), "C" + c);
        }
        assertEquals(0, hot.pop(2), "a refused block did not land in C2");
        assertEquals(0, hot.pop(3), "a refused block did not land in C3");
        assertEquals(0, hot.cachedBytes());
    }

    @Test
    void isFilledByFreesOnly() {
        HotLine hot = hotLine(false);
        assertEquals(0, hot.refillCount(2));
        assertEquals(0, hot.refillCount(3));
    }

    @Test
    void holdsAtMostFourBlocksPerClass() {
        HotLine hot = hotLine(false);
        for (int i = 0; i < HotLine.SLOTS; i++) {
            assertTrue(hot.push(block(i), 3));
        }
        assertFalse(hot.push(block(4), 3), "a fifth block does not fit");
        assertEquals(4, hot.count(3));
        assertEquals(block(3), hot.pop(3), "the refused block was not stored over the newest one");
        assertTrue(hot.push(block(5), 3), "one slot free again");
        assertFalse(hot.push(block(6), 3));
        assertEquals(List.of(block(5), block(2), block(1), block(0)),
                List.of(hot.pop(3), hot.pop(3), hot.pop(3), hot.pop(3)));
        assertEquals(0, hot.pop(3));
    }

    @Test
    void theTwoClassesAreIndependent() {
        HotLine hot = hotLine(false);
        for (int i = 0; i < 4; i++) {
            assertTrue(hot.push(block(i), 2));
        }
        assertFalse(hot.push(block(99), 2));
        assertTrue(hot.push(block(20), 3), "a full C2 leaves C3 room");
        assertTrue(hot.push(block(21), 3));
        assertEquals(4, hot.count(2));
        assertEquals(2, hot.count(3));
        assertEquals(block(21), hot.pop(3));
        assertEquals(block(20), hot.pop(3));
        assertEquals(0, hot.pop(3), "C3 never hands out a C2 block");
        assertEquals(4, hot.count(2), "popping C3 left C2 alone");
        for (int i = 3; i >= 0; i--) {
            assertEquals(block(i), hot.pop(2));
        }
        assertEquals(0, hot.pop(2));
    }

    @Test
    void everyAlignedAddressComesBackExactlyWhateverTheCount() {
        // Slot 0 shares its low three bits with the count: these addresses have those bits (and more) at zero.
        long[] addresses = {8, 0x10, 0x1000, 0x7f00_0000_0000L, 0x7fff_ffff_fff8L, 0x7fff_ffff_f000L, BASE + 64 * 5};
        HotLine hot = hotLine(false);
        for (long first : addresses) {
            for (int others = 0; others < HotLine.SLOTS; others++) {
                for (int sizeClass = 2; sizeClass <= 3; sizeClass++) {
                    assertTrue(hot.push(first, sizeClass));
                    for (int i = 0; i < others; i++) {
                        assertTrue(hot.push(block(100 + i), sizeClass));
                    }
                    assertEquals(1 + others, hot.count(sizeClass));
                    for (int i = others - 1; i >= 0; i--) {
                        assertEquals(block(100 + i), hot.pop(sizeClass));
                    }
                    assertEquals(first, hot.pop(sizeClass),
                            "0x" + Long.toHexString(first) + " under " + others + " others in C" + sizeClass);
                    assertEquals(0, hot.pop(sizeClass));
                    assertEquals(0, hot.count(sizeClass));
                }
            }
        }
    }

    @Test
    void cachedBytesCountsWhatTheUserCouldUse() {
        HotLine hot = hotLine(false);
        assertEquals(0, hot.cachedBytes());
        hot.push(block(0), 2);
        assertEquals(24, hot.cachedBytes());
        hot.push(block(1), 2);
        hot.push(block(2), 2);
        hot.push(block(3), 3);
        hot.push(block(4), 3);
        assertEquals(3 * 24 + 2 * 56, hot.cachedBytes());
        hot.push(block(5), 2);
        hot.push(block(6), 3);
        hot.push(block(7), 3);
        assertEquals(4 * 24 + 4 * 56, hot.cachedBytes(), "full");
        hot.push(block(8), 3); // refused
        assertEquals(4 * 24 + 4 * 56, hot.cachedBytes());
        hot.pop(3);
        assertEquals(4 * 24 + 3 * 56, hot.cachedBytes());
        while (hot.pop(2) != 0) {
            // empty C2
        }
        assertEquals(3 * 56, hot.cachedBytes());
    }

    @Test
    void retireHandsEveryBlockToTheSinkOnceAndEmptiesTheLine() {
        HotLine hot = hotLine(false);
        List<Retired> pushed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hot.push(block(i), 2);
            pushed.add(new Retired(block(i), 2));
        }
        for (int i = 4; i < 7; i++) {
            hot.push(block(i), 3);
            pushed.add(new Retired(block(i), 3));
        }
        List<Retired> sunk = retire(hot);
        assertEquals(pushed.size(), sunk.size(), "each block once: " + sunk);
        assertTrue(sunk.containsAll(pushed), sunk.toString());
        assertEquals(0, hot.cachedBytes());
        assertEquals(0, hot.pop(2));
        assertEquals(0, hot.pop(3));
        assertEquals(List.of(), retire(hot), "nothing left to give");
    }

    @Test
    void retiringAnEmptyLineGivesNothing() {
        assertEquals(List.of(), retire(hotLine(false)));
    }

    @Test
    void countsHitsAndMissesOfItsClassesWhenStatsAreOn() {
        HotLine hot = hotLine(true);
        assertEquals(0, hot.pop(2));
        assertEquals(0, hot.pop(3));
        hot.push(block(0), 2);
        hot.push(block(1), 3);
        hot.push(block(2), 3);
        hot.pop(2);
        hot.pop(3);
        hot.pop(3);
        hot.pop(5); // not UltraHot's class: neither a hit nor a miss
        assertEquals(3, hot.hits);
        assertEquals(2, hot.misses);
    }

    @Test
    void countsNothingWhenStatsAreOff() {
        HotLine hot = hotLine(false);
        hot.pop(2);
        hot.push(block(0), 2);
        hot.pop(2);
        hot.push(block(1), 3);
        retire(hot);
        assertEquals(0, hot.hits);
        assertEquals(0, hot.misses);
    }

    @Test
    void retiringIsNeitherAHitNorAMiss() {
        HotLine hot = hotLine(true);
        hot.push(block(0), 2);
        assertEquals(block(0), hot.pop(2));
        assertEquals(0, hot.pop(3));
        hot.push(block(1), 2);
        hot.push(block(2), 3);
        hot.push(block(3), 3);
        retire(hot);
        assertEquals(1, hot.hits, "only the one pop that served an allocation");
        assertEquals(1, hot.misses, "only the one pop that found C3 empty");
    }

    @Test
    void touchesNoByteOutsideItsLine() {
        HotLine hot = hotLine(true);
        for (int i = 0; i < 5; i++) {
            hot.push(block(i), 2);
            hot.push(block(10 + i), 3);
        }
        hot.pop(2);
        hot.pop(3);
        retire(hot);
        for (long offset = 0; offset < lines.byteSize(); offset++) {
            if (offset < LineArena.LINE || offset >= 2 * LineArena.LINE) {
                assertEquals(GUARD, NativeMemory.getByte(lines.address() + offset), "guard byte at " + offset);
            }
        }
    }

    @Test
    void theLineHoldsTheWholeState() {
        HotLine writer = hotLine(false);
        writer.push(block(0), 2);
        writer.push(block(1), 2);
        writer.push(block(2), 3);
        HotLine reader = hotLine(false); // a second view of the same 64 bytes
        assertEquals(2 * 24 + 56, reader.cachedBytes());
        assertEquals(block(1), reader.pop(2));
        assertEquals(block(2), reader.pop(3));
        assertEquals(block(0), writer.pop(2), "what the reader took is gone for the writer too");
        assertEquals(0, writer.pop(2));
        assertEquals(0, writer.pop(3));
    }

    @Test
    void linesNextToEachOtherInOneArenaDoNotDisturbEachOther() {
        UltraHotFront front = new UltraHotFront(StandaloneContext.builder().batch(new RecordingBatch()).build(), false);
        HotLine a = (HotLine) front.newCache();
        HotLine b = (HotLine) front.newCache();
        assertEquals(LineArena.LINE, Math.abs(b.line() - a.line()), "adjacent lines");
        for (int i = 0; i < 4; i++) {
            assertTrue(a.push(block(i), 2));
            assertTrue(a.push(block(10 + i), 3));
            assertTrue(b.push(block(20 + i), 2));
            assertTrue(b.push(block(30 + i), 3));
        }
        assertFalse(a.push(block(40), 3));
        assertFalse(b.push(block(41), 2));
        for (int i = 3; i >= 0; i--) {
            assertEquals(block(10 + i), a.pop(3));
            assertEquals(block(20 + i), b.pop(2));
        }
        assertEquals(0, a.pop(3));
        assertEquals(0, b.pop(2));
        assertEquals(4 * 24, a.cachedBytes(), "emptying a's C3 and b's C2 left a's C2 whole");
        assertEquals(4 * 56, b.cachedBytes(), "and b's C3");
        for (int i = 3; i >= 0; i--) {
            assertEquals(block(i), a.pop(2));
            assertEquals(block(30 + i), b.pop(3));
        }
    }
}
