package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BlockTableTest {

    private final BlockTable table = new BlockTable();

    @Test
    void aBlockIsFoundUntilRemovedThenRememberedAsFreed() {
        table.insert(0x1000, 0xff0, 100, BlockHeader.METHOD_MALLOC);
        BlockTable.Block block = table.lookup(0x1000);
        assertEquals(new BlockTable.Block(0x1000, 0xff0, 100, BlockHeader.METHOD_MALLOC), block);
        assertEquals(block, table.remove(0x1000));
        assertNull(table.lookup(0x1000));
        assertNull(table.remove(0x1000), "one free wins");
        assertTrue(table.wasFreed(0x1000));
        assertFalse(table.wasFreed(0x2000));
    }

    @Test
    void insertsAndRemovesAreCountedPerMethod() {
        table.insert(0x1000, 0xff0, 8, BlockHeader.METHOD_MALLOC);
        table.insert(0x2000, 0x1ff0, 8, BlockHeader.METHOD_MALLOC);
        table.insert(0x40_0000, 0x40_0000 - 16, 1 << 20, BlockHeader.METHOD_MMAP);
        table.remove(0x1000);
        table.remove(0x1000);
        assertEquals(2, table.inserts(BlockHeader.METHOD_MALLOC));
        assertEquals(1, table.removes(BlockHeader.METHOD_MALLOC), "a failed remove counts nothing");
        assertEquals(1, table.inserts(BlockHeader.METHOD_MMAP));
        assertEquals(0, table.removes(BlockHeader.METHOD_MMAP));
    }

    @Test
    void aFreedAddressHandedOutAgainIsLiveAgain() {
        table.insert(0x1000, 0xff0, 100, BlockHeader.METHOD_MALLOC);
        table.remove(0x1000);
        table.insert(0x1000, 0xff0, 200, BlockHeader.METHOD_MMAP);
        assertEquals(200, table.lookup(0x1000).size());
        assertEquals(BlockHeader.METHOD_MMAP, table.lookup(0x1000).method());
        assertThrows(IllegalStateException.class, () -> table.insert(0x1000, 0, 1, BlockHeader.METHOD_MALLOC));
    }

    @Test
    void growsAndKeepsEveryLiveBlockThroughRehashes() {
        int n = 100_000;
        for (int i = 1; i <= n; i++) {
            table.insert(i * 16L, i * 16L - 16, i, BlockHeader.METHOD_MALLOC);
        }
        for (int i = 1; i <= n; i += 2) {
            assertNotNull(table.remove(i * 16L));
        }
        for (int i = 1; i <= n; i++) {
            assertEquals(i % 2 == 0, table.lookup(i * 16L) != null, "block " + i);
        }
        assertEquals(n / 2, table.liveBlocks());
        long bytes = 0;
        for (int i = 2; i <= n; i += 2) {
            bytes += i;
        }
        assertEquals(bytes, table.liveBytes());
    }

    @Test
    void containingFindsTheBlockAroundAnInteriorAddressOrItsHeader() {
        table.insert(0x10_000, 0x10_000 - 16, 4096, BlockHeader.METHOD_MALLOC);
        assertEquals(0x10_000, table.containing(0x10_000 + 4095).address());
        assertEquals(0x10_000, table.containing(0x10_000 - 16).address(), "the header belongs to the block");
        assertNull(table.containing(0x10_000 + 4096));
        assertNull(table.containing(0x10_000 - 17));
    }

    @Test
    void threadsInsertingAndRemovingTheirOwnBlocksLoseNothing() throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long offset = (t + 1L) << 40;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int round = 0; round < 20; round++) {
                    for (long i = 1; i <= 2000; i++) {
                        table.insert(offset + i * 16, offset, 16, BlockHeader.METHOD_MALLOC);
                    }
                    for (long i = 1; i <= 2000; i++) {
                        if (table.remove(offset + i * 16) == null) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, errors.get());
        assertEquals(0, table.liveBlocks());
        assertEquals(0, table.liveBytes());
    }
}
