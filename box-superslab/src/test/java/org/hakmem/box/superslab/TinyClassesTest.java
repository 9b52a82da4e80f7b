package org.hakmem.box.superslab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TinyClassesTest {

    @Test
    void eachClassDoublesTheBlockAndKeepsEightBytesForTheHeader() {
        assertEquals(0, TinyClasses.of(0));
        assertEquals(1, TinyClasses.of(1));
        assertEquals(1, TinyClasses.of(8));
        assertEquals(2, TinyClasses.of(16), "C2 serves 16-byte requests, as in the C design");
        assertEquals(2, TinyClasses.of(24));
        assertEquals(3, TinyClasses.of(25));
        assertEquals(3, TinyClasses.of(32), "C3 serves 32-byte requests");
        assertEquals(7, TinyClasses.of(1016));
        assertEquals(1016, TinyClasses.MAX_SIZE);
        for (long size = 0; size <= TinyClasses.MAX_SIZE; size++) {
            int c = TinyClasses.of(size);
            long usable = TinyClasses.blockSize(c) - 8;
            assertEquals(true, size <= usable && (c == 0 || size > TinyClasses.blockSize(c - 1) - 8), "size " + size);
        }
    }
}
