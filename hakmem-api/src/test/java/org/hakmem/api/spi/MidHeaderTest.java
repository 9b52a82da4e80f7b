package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Covers the mid classes' arithmetic and the mid header: its encoding, its address check and the claim on free. */
class MidHeaderTest {

    private static final int BLOCKS = 4096;
    private static OsLayer os;
    /** Native memory for the headers: {@link #BLOCKS} 16-byte "blocks" back to back. */
    private static long memory;

    @BeforeAll
    static void map() {
        os = OsLayer.create();
        memory = os.malloc((BLOCKS + 1) * MidHeader.SIZE);
        assertTrue(memory != 0 && memory % MidHeader.SIZE == 0, "malloc hands out 16-byte aligned memory");
    }

    @AfterAll
    static void unmap() {
        os.free(memory);
    }

    private static long block(int i) {
        return memory + MidHeader.SIZE * (i + 1);
    }

    @Test
    void thereAreFortyOneClassesFromOneKibToOneMib() {
        assertEquals(41, MidHeader.CLASSES);
        assertEquals(1024, MidHeader.usableSize(0));
        assertEquals(1280, MidHeader.usableSize(1));
        assertEquals(1536, MidHeader.usableSize(2));
        assertEquals(1792, MidHeader.usableSize(3));
        assertEquals(2048, MidHeader.usableSize(4));
        assertEquals(2560, MidHeader.usableSize(5));
        assertEquals(MidHeader.MAX_CLASS_SIZE, MidHeader.usableSize(MidHeader.CLASSES - 1));
        assertEquals(MidHeader.CLASSES - 1, MidHeader.classOf(MidHeader.MAX_CLASS_SIZE));
    }

    @Test
    void everySizeGetsTheSmallestClassThatHoldsItAndWastesAtMostAQuarterAboveOneKib() {
        int previous = 0;
        for (long size = 0; size <= MidHeader.MAX_CLASS_SIZE; size++) {
            int c = MidHeader.classOf(size);
            long usable = MidHeader.usableSize(c);
            assertTrue(c >= 0 && c < MidHeader.CLASSES, "size " + size + ": class " + c);
            assertTrue(usable >= size, "size " + size + " fits class " + c);
            assertTrue(c == 0 || MidHeader.usableSize(c - 1) < size, "size " + size + ": class " + (c - 1) + " holds it");
            assertTrue(c == previous || c == previous + 1, "classes grow one by one: " + size);
            if (size > 1024) {
                assertTrue(usable - size <= size / 4, "size " + size + " wastes " + (usable - size));
            }
            previous = c;
        }
        assertEquals(MidHeader.CLASSES - 1, previous, "every class serves some size");
    }

    @Test
    void eachClassBoundaryFallsExactlyOnAUsableSize() {
        for (int c = 1; c < MidHeader.CLASSES; c++) {
            long usable = MidHeader.usableSize(c);
            assertTrue(usable > MidHeader.usableSize(c - 1), "class " + c + " is bigger than the one before");
            assertEquals(c, MidHeader.classOf(usable), "class " + c + " serves its own usable size");
            assertEquals(c, MidHeader.classOf(MidHeader.usableSize(c - 1) + 1), "and one byte above the previous");
            assertEquals(c - 1, MidHeader.classOf(MidHeader.usableSize(c - 1)));
        }
    }

    @Test
    void blocksAreTheUsableSizePlusTheHeaderOnMultiplesOfSixteen() {
        assertEquals(16, MidHeader.SIZE);
        assertEquals(-8, MidHeader.TAG_OFFSET);
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            assertEquals(MidHeader.usableSize(c) + MidHeader.SIZE, MidHeader.blockSize(c));
            assertEquals(0, MidHeader.blockSize(c) % 16, "class " + c);
        }
    }

    @Test
    void liveAndFreeHeadersRoundTripAndAreTellApart() {
        long address = 0x7f12_3456_7890L;
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            long live = MidHeader.live(address, c);
            long free = MidHeader.free(address, c);
            assertEquals(c, MidHeader.liveClass(address, live));
            assertEquals(-1, MidHeader.liveClass(address, free), "a free header is no live class");
            assertTrue(MidHeader.isFree(address, free));
            assertFalse(MidHeader.isFree(address, live));
            assertEquals(0xb0, live & 0xFF, "POOL state byte");
            assertEquals(0xbf, free & 0xFF, "free state byte");
            assertEquals(c, (live >>> 8) & 0xFF, "the class byte");
            assertEquals(BlockHeader.MAGIC, (int) (live >>> 32), "the magic");
        }
        assertEquals(-1, MidHeader.liveClass(address, 0));
        assertFalse(MidHeader.isFree(address, 0));
        assertEquals(-1, MidHeader.liveClass(address, MidHeader.live(address, 3) ^ (1L << 40)), "the magic counts");
        assertEquals(MidHeader.CLASSES, MidHeader.liveClass(address, MidHeader.live(address, MidHeader.CLASSES)),
                "the first aligned class");
        assertEquals(-1, MidHeader.liveClass(address, MidHeader.live(address, MidHeader.POOL_CLASSES)),
                "a class byte beyond the classes is no live header");
        assertEquals(-1, MidHeader.liveClass(address, MidHeader.live(address, 3) ^ 0x01), "the state byte counts");
    }

    @Test
    void aHeaderReadInFrontOfAnotherAddressDoesNotPass() {
        long address = 0x7f12_3456_7890L;
        long[] others = {address + 16, address - 16, address + MidHeader.blockSize(0), address + 65536,
                address + MidHeader.blockSize(MidHeader.CLASSES - 1), address + 0x8_0000, address - 0x1_0000};
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            for (long other : others) {
                assertEquals(-1, MidHeader.liveClass(other, MidHeader.live(address, c)), "class " + c + " at " + other);
                assertFalse(MidHeader.isFree(other, MidHeader.free(address, c)), "class " + c + " at " + other);
            }
        }
    }

    @Test
    void claimFlipsALiveHeaderToFreeOnceAndFailsThereafter() {
        long address = block(0);
        MidHeader.markLive(address, 7);
        assertEquals(MidHeader.live(address, 7), NativeMemory.getLong(address + MidHeader.TAG_OFFSET));
        assertTrue(MidHeader.claim(address, 7));
        assertEquals(MidHeader.free(address, 7), NativeMemory.getLong(address + MidHeader.TAG_OFFSET));
        assertFalse(MidHeader.claim(address, 7), "a second claim of the same block fails");
        assertEquals(MidHeader.free(address, 7), NativeMemory.getLong(address + MidHeader.TAG_OFFSET));

        MidHeader.markLive(address, 7);
        assertFalse(MidHeader.claim(address, 6), "a claim naming the wrong class fails");
        assertFalse(MidHeader.claim(block(1), 7), "a claim where no live header is fails");
        assertTrue(MidHeader.claim(address, 7));

        MidHeader.markFree(block(2), 4);
        assertTrue(MidHeader.isFree(block(2), NativeMemory.getLong(block(2) - 8)));
        assertFalse(MidHeader.claim(block(2), 4), "a block never handed out cannot be claimed");
    }

    @Test
    void ofTwoThreadsClaimingTheSameBlocksExactlyOneWinsEach() throws InterruptedException {
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < BLOCKS; i++) {
                MidHeader.markLive(block(i), i % MidHeader.CLASSES);
            }
            AtomicIntegerArray wins = new AtomicIntegerArray(BLOCKS);
            CountDownLatch start = new CountDownLatch(1);
            Runnable claimer = () -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < BLOCKS; i++) {
                    if (MidHeader.claim(block(i), i % MidHeader.CLASSES)) {
                        wins.incrementAndGet(i);
                    }
                }
            };
            Thread first = Thread.ofPlatform().start(claimer);
            Thread second = Thread.ofPlatform().start(claimer);
            start.countDown();
            first.join();
            second.join();
            for (int i = 0; i < BLOCKS; i++) {
                assertEquals(1, wins.get(i), "round " + round + ", block " + i);
                assertTrue(MidHeader.isFree(block(i), NativeMemory.getLong(block(i) - 8)));
            }
        }
    }

    @Test
    void alignedClassesHoldTheirSizeAndPutEveryBlockOnAMultipleOfTheirAlignment() {
        assertEquals(41 + 8 * 21, MidHeader.POOL_CLASSES, "8 alignments (32 B to 4 KiB) x the 21 classes up to 32 KiB");
        for (long alignment = MidHeader.MIN_ALIGNMENT; alignment <= MidHeader.MAX_ALIGNMENT; alignment <<= 1) {
            for (long size : new long[] {0, 1, 16, 1024, 1025, 4000, 4096, 20_000, MidHeader.MAX_ALIGNED_SIZE}) {
                int c = MidHeader.alignedClassOf(size, alignment);
                assertTrue(c >= MidHeader.CLASSES && c < MidHeader.POOL_CLASSES, size + " B at " + alignment);
                assertEquals(alignment, MidHeader.alignment(c));
                assertTrue(MidHeader.usableSize(c) >= size, size + " B at " + alignment);
                long block = MidHeader.blockSize(c);
                assertEquals(0, block % alignment, "blocks are a multiple of the alignment long");
                assertEquals(block - MidHeader.SIZE, MidHeader.usableSize(c));
                long first = MidHeader.firstOffset(c);
                for (long index = 0; index < 5; index++) {
                    long user = (1L << 16) * 7 + first + index * block + MidHeader.SIZE; // a span's base is 64 KiB-aligned
                    assertEquals(0, user % alignment, "block " + index + " of " + size + " B at " + alignment);
                }
            }
        }
        assertEquals(0, MidHeader.firstOffset(5), "plain classes start at their span's base");
        assertEquals(16, MidHeader.alignment(5));
    }
}
