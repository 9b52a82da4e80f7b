package org.hakmem.box.midpool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.spi.RegionTable;
import org.junit.jupiter.api.Test;

/** Covers mapping, registering, carving, releasing and closing the mid pool's 2 MiB segments. */
class SegmentsTest {

    private static final long PAGE = 1L << Segment.PAGE_SHIFT;

    private final TestContext context = new TestContext();
    private final Segments segments = context.segments(4);

    /** What the pool asks before it empties dead threads' caches: whether a span would take a new segment. */
    @Test
    void mustMapSaysWhetherNoMappedSegmentHasARunOfThatManyPages() {
        assertTrue(segments.mustMap(1), "nothing mapped yet");
        segments.carve(7, 3);
        assertEquals(1, segments.count());
        assertFalse(segments.mustMap(Segment.PAGES - 3), "the rest of the segment is a run of its own");
        assertTrue(segments.mustMap(Segment.PAGES - 2), "one page too many");
        assertEquals(1, segments.count(), "asking maps nothing");
    }

    @Test
    void carveMapsAnAlignedSegmentRegisteredUnderAMidId() {
        assertEquals(0, segments.count());
        Span span = segments.carve(7, 3);
        Segment segment = span.segment;
        assertEquals(1, segments.count());
        assertEquals(0, segment.base % RegionTable.REGION_SIZE, "2 MiB aligned");
        assertEquals(0, span.firstPage);
        assertEquals(3, span.pages);
        assertEquals(7, span.sizeClass);
        assertEquals(segment.base, span.base);
        assertEquals(RegionTable.MID_IDS + segment.index, context.regions.lookup(segment.base));
        assertEquals(RegionTable.MID_IDS + segment.index, context.regions.lookup(segment.base + RegionTable.REGION_SIZE - 1));
        assertEquals(0b111, ~segment.freeMask, "its pages are taken");
        assertTrue(context.os().isMapped(segment.base, RegionTable.REGION_SIZE), "the whole segment is mapped");
        assertEquals(0, context.releasedCount());
    }

    @Test
    void spansShareASegmentUntilItIsFullThenANewOneIsMapped() {
        Span first = segments.carve(0, 20);
        Span second = segments.carve(1, 12);
        assertSame(first.segment, second.segment);
        assertEquals(20, second.firstPage);
        assertEquals(first.base + 20 * PAGE, second.base);
        Span third = segments.carve(2, 1);
        assertNotEquals(first.segment, third.segment);
        assertEquals(2, segments.count());
        assertEquals(RegionTable.MID_IDS + third.segment.index, context.regions.lookup(third.base));
        assertNotEquals(first.segment.index, third.segment.index);
    }

    @Test
    void spanOfFindsTheSpanOfEveryAddressInsideItAndNothingElse() {
        Span a = segments.carve(3, 2);
        Span b = segments.carve(4, 5);
        for (long offset = 0; offset < 2 * PAGE; offset += 4093) {
            assertSame(a, segments.spanOf(a.base + offset));
        }
        assertSame(a, segments.spanOf(a.base + 2 * PAGE - 1));
        assertSame(b, segments.spanOf(a.base + 2 * PAGE));
        assertSame(b, segments.spanOf(b.base + 5 * PAGE - 1));
        assertNull(segments.spanOf(b.base + 5 * PAGE), "a free page of the segment");
        assertNull(segments.spanOf(a.base + RegionTable.REGION_SIZE - 1), "the segment's last free page");
        assertNull(segments.spanOf(a.base - 1), "just below the segment");
        assertNull(segments.spanOf(a.base + RegionTable.REGION_SIZE), "just above it");
        assertNull(segments.spanOf(4096), "nowhere near");
        long tinyRegion = 1000 * RegionTable.REGION_SIZE;
        context.regions.register(tinyRegion, 5);
        assertNull(segments.spanOf(tinyRegion + 64), "a region of the tiny pool is no mid segment");
    }

    @Test
    void theLastSegmentStaysMappedWhenItsLastSpanComesBack() {
        Span span = segments.carve(0, 4);
        long base = span.segment.base;
        segments.release(span);
        assertEquals(1, segments.count());
        assertEquals(0, context.releasedCount(), "kept warm");
        assertTrue(span.segment.isEmpty());
        assertNull(segments.spanOf(span.base));
        assertEquals(RegionTable.MID_IDS + span.segment.index, context.regions.lookup(base), "still registered");
        assertEquals(base, segments.carve(1, 32).segment.base, "and reused");
    }

    @Test
    void anEmptiedSegmentBeyondTheSparesGoesToBatch() {
        Segments roomy = context.segments(Segments.WARM_SPARES + 3);
        List<Span> full = new ArrayList<>();
        for (int i = 0; i < Segments.WARM_SPARES + 2; i++) {
            full.add(roomy.carve(0, 32));
        }
        Span partial = roomy.carve(0, 16);
        assertEquals(Segments.WARM_SPARES + 3, roomy.count());
        for (int i = 0; i < Segments.WARM_SPARES; i++) {
            roomy.release(full.get(i));
            assertEquals(0, context.releasedCount(), "spare " + (i + 1) + " stays mapped");
        }
        Span beyond = full.get(Segments.WARM_SPARES);
        roomy.release(beyond);
        assertEquals(1, context.releasedCount(), "one more empty segment goes back");
        assertArrayEquals(new long[] {beyond.segment.base, RegionTable.REGION_SIZE}, context.released.getFirst());
        assertEquals(-1, context.regions.lookup(beyond.segment.base), "unregistered before Batch got it");
        assertNull(roomy.spanOf(beyond.base));
        assertEquals(Segments.WARM_SPARES + 2, roomy.count());

        Span more = roomy.carve(1, 8);
        assertSame(full.getFirst().segment, more.segment, "a mapped segment with room is used before a new one");
        roomy.release(full.get(Segments.WARM_SPARES + 1));
        assertEquals(1, context.releasedCount(), "the spares are full again");
        roomy.release(partial);
        assertEquals(2, context.releasedCount(), "the partial one emptied: beyond the spares again");
        assertEquals(Segments.WARM_SPARES + 1, roomy.count());
    }

    @Test
    void sparesBeyondTheWarmOnesGoToBatchOnceTheyHaveStayedEmptyForTheColdSpan() {
        int spares = Segments.WARM_SPARES + 2;
        Segments roomy = context.segments(spares + 2, spares);
        List<Span> full = new ArrayList<>();
        for (int i = 0; i < spares + 1; i++) {
            full.add(roomy.carve(0, Segment.PAGES));
        }
        for (int i = 0; i < spares; i++) {
            roomy.release(full.get(i));
            context.now += Segments.COLD_NANOS / 4;
        }
        assertEquals(0, context.releasedCount(), "all " + spares + " spares stay mapped while warm");
        assertEquals(spares + 1, roomy.count());

        // The first spare has now been empty for the whole cold span, the second for 3/4 of it.
        Span next = roomy.carve(1, 1);
        assertSame(full.getFirst().segment, next.segment, "the oldest spare serves the next span");
        assertEquals(0, context.releasedCount(), "taken, not cold");
        context.now += Segments.COLD_NANOS / 4;
        roomy.release(next);
        assertEquals(1, context.releasedCount(), "empty again just now, but the second spare has gone cold");
        assertArrayEquals(new long[] {full.get(1).segment.base, RegionTable.REGION_SIZE}, context.released.getFirst());
        assertEquals(-1, context.regions.lookup(full.get(1).segment.base), "unregistered before Batch got it");

        context.now += Segments.COLD_NANOS;
        roomy.release(full.get(spares));
        assertEquals(spares + 1 - Segments.WARM_SPARES, context.releasedCount(),
                "every spare beyond the warm ones went cold; the one just emptied is among the warm");
        assertEquals(Segments.WARM_SPARES, roomy.count());
        assertTrue(context.os().isMapped(full.get(spares).segment.base, RegionTable.REGION_SIZE), "kept warm");
    }

    @Test
    void theSegmentLimitGivesNativeOutOfMemoryAndAFreedIndexIsReused() {
        Set<Integer> ids = new HashSet<>();
        Span[] spans = new Span[4];
        for (int i = 0; i < 4; i++) {
            spans[i] = segments.carve(0, 32);
            ids.add(context.regions.lookup(spans[i].base));
        }
        assertEquals(Set.of(RegionTable.MID_IDS, RegionTable.MID_IDS + 1, RegionTable.MID_IDS + 2,
                RegionTable.MID_IDS + 3), ids);
        var error = assertThrows(NativeOutOfMemoryError.class, () -> segments.carve(0, 1));
        assertTrue(error.getMessage().contains("HAKMEM_MID_MAX_SEGMENTS"), error.getMessage());
        assertEquals(4, segments.count());
        segments.release(spans[1]);
        Span again = segments.carve(0, 32);
        assertEquals(1, again.segment.index, "the freed index is taken again");
        assertEquals(RegionTable.MID_IDS + 1, context.regions.lookup(again.base));
    }

    @Test
    void closeHandsEverySegmentToBatchUnregisteredAndRefusesCarving() {
        Set<Long> bases = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            bases.add(segments.carve(i, 32).segment.base);
        }
        Span kept = segments.carve(5, 1);
        bases.add(kept.segment.base);
        assertEquals(4, bases.size());
        segments.close();
        assertEquals(0, segments.count());
        Set<Long> released = new HashSet<>();
        for (long[] range : context.released) {
            assertEquals(RegionTable.REGION_SIZE, range[1]);
            released.add(range[0]);
        }
        assertEquals(bases, released);
        assertEquals(4, context.releasedCount(), "each segment once");
        for (long base : bases) {
            assertEquals(-1, context.regions.lookup(base));
            assertNull(segments.spanOf(base));
        }
        assertThrows(IllegalStateException.class, () -> segments.carve(0, 1));
        segments.release(kept);
        assertEquals(4, context.releasedCount(), "a span coming back after close releases nothing more");
    }
}
