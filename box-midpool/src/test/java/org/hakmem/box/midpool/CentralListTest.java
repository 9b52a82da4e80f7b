package org.hakmem.box.midpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.MidHeader;
import org.junit.jupiter.api.Test;

/** Covers a class's central list: batches out and back, span reuse, the one spare span kept, its counters. */
class CentralListTest {

    /** 256 KiB: four blocks to a span of 17 pages, so one span to a segment. */
    private static final int QUARTER_MIB = MidHeader.classOf(256 * 1024);

    private final TestContext context = new TestContext();
    private final Segments segments = context.segments(8);

    private static Set<Long> set(long[] blocks, int from, int to) {
        Set<Long> set = new HashSet<>();
        for (int i = from; i < to; i++) {
            set.add(blocks[i]);
        }
        return set;
    }

    @Test
    void takeFillsTheAskedCountOfDistinctFreeBlocksOfItsClassFromTheGivenIndexOn() {
        CentralList central = new CentralList(2, segments);
        long[] into = new long[16];
        assertEquals(10, central.take(into, 3, 10));
        assertEquals(0, into[2], "nothing written before the index");
        assertEquals(0, into[13], "nor past the count");
        assertEquals(10, set(into, 3, 13).size(), "distinct");
        for (int i = 3; i < 13; i++) {
            long block = into[i];
            assertEquals(2, segments.spanOf(block).sizeClass);
            assertTrue(MidHeader.isFree(block, NativeMemory.getLong(block - 8)), "cached blocks are not live");
        }
        assertEquals(10 * MidHeader.usableSize(2), central.outBytes());
        assertEquals(1, central.takes());
        assertEquals(0, central.givebacks());
        assertEquals(1, central.spans());
        assertEquals(Span.pagesFor(2), segments.spanOf(into[3]).pages);
    }

    /** What the pool asks before a refill, to empty dead threads' caches first when a span would be carved. */
    @Test
    void mustCarveSaysWhetherNoSpanHasAFreeBlock() {
        CentralList central = new CentralList(QUARTER_MIB, segments);
        assertTrue(central.mustCarve(), "no span yet");
        long[] into = new long[8];
        assertEquals(1, central.take(into, 0, 1));
        assertFalse(central.mustCarve(), "three blocks of the span are left");
        assertEquals(3, central.take(into, 1, 8));
        assertTrue(central.mustCarve(), "the span is used up");
        central.giveBack(into, 0, 1);
        assertFalse(central.mustCarve(), "a block came back");
    }

    @Test
    void aBatchStopsAtTheEndOfItsSpanAndTheNextOneCarvesAnother() {
        CentralList central = new CentralList(0, segments);
        int capacity = new Span(new Segment(0, 1L << 40), 0, Span.pagesFor(0), 0).capacity;
        long[] into = new long[capacity + 64];
        int taken = 0;
        while (taken < capacity + 10) {
            int got = central.take(into, taken, 20);
            assertTrue(got >= 1 && got <= 20, "got " + got);
            taken += got;
        }
        assertEquals(taken, set(into, 0, taken).size(), "distinct over two spans");
        assertEquals(2, central.spans());
        assertEquals(taken * MidHeader.usableSize(0), central.outBytes());
    }

    @Test
    void blocksGivenBackAreTakenAgainWithoutANewSpan() {
        CentralList central = new CentralList(6, segments);
        long[] blocks = new long[12];
        assertEquals(12, central.take(blocks, 0, 12));
        Set<Long> first = set(blocks, 0, 12);
        central.giveBack(blocks, 0, 12);
        assertEquals(0, central.outBytes());
        assertEquals(1, central.givebacks());
        assertEquals(1, central.spans(), "the one span of the class stays");
        long[] again = new long[12];
        assertEquals(12, central.take(again, 0, 12));
        assertEquals(first, set(again, 0, 12), "the same blocks came back out");
        assertEquals(1, central.spans());
        assertEquals(2, central.takes());
    }

    @Test
    void partOfABatchCanComeBack() {
        CentralList central = new CentralList(9, segments);
        long[] blocks = new long[8];
        assertEquals(8, central.take(blocks, 0, 8));
        central.giveBack(blocks, 2, 3);
        assertEquals(5 * MidHeader.usableSize(9), central.outBytes());
        long[] again = new long[3];
        assertEquals(3, central.take(again, 0, 3));
        assertEquals(set(blocks, 2, 5), set(again, 0, 3));
    }

    @Test
    void anEmptiedSpanIsKeptAsTheSpareUnlessAnotherSpanHasFreeBlocks() {
        CentralList central = new CentralList(QUARTER_MIB, segments);
        long[] a = new long[4];
        long[] b = new long[4];
        assertEquals(4, central.take(a, 0, 4), "256 KiB blocks: four a span");
        assertEquals(4, central.take(b, 0, 4));
        assertEquals(2, central.spans());
        assertEquals(2, segments.count(), "17 pages a span: one span a segment");
        Span spanA = segments.spanOf(a[0]);
        Span spanB = segments.spanOf(b[0]);
        assertTrue(spanA != spanB);

        central.giveBack(a, 0, 4);
        assertEquals(2, central.spans(), "the first span to empty is the spare: the other one has no free block");
        assertEquals(0, context.releasedCount());
        assertNotNull(segments.spanOf(a[0]));

        central.giveBack(b, 0, 4);
        assertEquals(1, central.spans(), "the second span to empty goes back: the spare has free blocks");
        assertNull(segments.spanOf(b[0]));
        assertTrue(spanB.segment.isEmpty(), "its segment is empty");
        assertEquals(2, segments.count(), "and stays mapped as a spare segment");
        assertEquals(0, context.releasedCount());
        assertEquals(0, central.outBytes());
        assertEquals(2, central.givebacks());

        long[] again = new long[4];
        assertEquals(4, central.take(again, 0, 4));
        assertEquals(set(a, 0, 4), set(again, 0, 4), "the spare serves the next batch");
        assertEquals(1, central.spans());
        assertEquals(2, segments.count(), "no new segment was mapped");
    }

    @Test
    void aSpanEmptiedWhileAnotherIsPartlyFreeGoesBack() {
        CentralList central = new CentralList(0, segments);
        int capacity = new Span(new Segment(0, 1L << 40), 0, Span.pagesFor(0), 0).capacity;
        long[] first = new long[capacity];
        assertEquals(capacity, central.take(first, 0, capacity));
        long[] second = new long[3];
        assertEquals(3, central.take(second, 0, 3));
        assertEquals(2, central.spans());
        Span firstSpan = segments.spanOf(first[0]);
        central.giveBack(first, 0, capacity);
        assertEquals(1, central.spans(), "the second span still has never-used blocks");
        assertNull(segments.spanOf(first[0]));
        assertFalse(firstSpan.segment.isEmpty(), "the second span keeps the segment");
        assertEquals(0, context.releasedCount(), "one segment only: nothing for Batch");
        assertEquals(3 * MidHeader.usableSize(0), central.outBytes());
        long[] more = new long[4];
        assertEquals(4, central.take(more, 0, 4));
        assertTrue(Arrays.stream(more).allMatch(block -> segments.spanOf(block) == segments.spanOf(second[0])));
    }
}
