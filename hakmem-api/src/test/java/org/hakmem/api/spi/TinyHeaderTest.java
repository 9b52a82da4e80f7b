package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TinyHeaderTest {

    @Test
    void eachClassDoublesTheBlockAndKeepsEightBytesForTheHeader() {
        assertEquals(0, TinyHeader.classOf(0));
        assertEquals(1, TinyHeader.classOf(1));
        assertEquals(1, TinyHeader.classOf(8));
        assertEquals(2, TinyHeader.classOf(16), "C2 serves 16-byte requests, as in the C design");
        assertEquals(2, TinyHeader.classOf(24));
        assertEquals(3, TinyHeader.classOf(25));
        assertEquals(3, TinyHeader.classOf(32), "C3 serves 32-byte requests");
        assertEquals(7, TinyHeader.classOf(1016));
        assertEquals(1016, TinyHeader.MAX_SIZE);
        for (long size = 0; size <= TinyHeader.MAX_SIZE; size++) {
            int c = TinyHeader.classOf(size);
            long usable = TinyHeader.usableSize(c);
            assertTrue(size <= usable && (c == 0 || size > TinyHeader.usableSize(c - 1)), "size " + size);
        }
    }

    @Test
    void liveAndFreeHeadersAreTellApartAndNamed() {
        for (int c = 0; c < TinyHeader.CLASSES; c++) {
            assertEquals(c, TinyHeader.liveClass(TinyHeader.live(c)));
            assertEquals(-1, TinyHeader.liveClass(TinyHeader.free(c)));
            assertTrue(TinyHeader.isFree(TinyHeader.free(c) | (12345L << 8)), "a free header with a link");
            assertFalse(TinyHeader.isFree(TinyHeader.live(c)));
        }
        assertEquals(-1, TinyHeader.liveClass(0));
        assertEquals(-1, TinyHeader.liveClass(TinyHeader.live(3) ^ (1L << 40)), "the magic is part of the header");
    }

    @Test
    void aBlockStartsWhereItsHeaderSitsOnAMultipleOfTheBlockSize() {
        long slab = 0x7f00_0001_0000L;
        assertTrue(TinyHeader.isBlockStart(slab + 8, 3));
        assertTrue(TinyHeader.isBlockStart(slab + 64 * 5 + 8, 3));
        assertFalse(TinyHeader.isBlockStart(slab + 32 + 8, 3), "a C2 boundary inside a C3 block");
        assertFalse(TinyHeader.isBlockStart(slab + 16, 3));
        assertTrue(TinyHeader.isBlockStart(slab + 16, 0), "C0 blocks are 8 bytes");
    }
}
