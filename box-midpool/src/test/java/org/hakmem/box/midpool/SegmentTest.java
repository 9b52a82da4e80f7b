package org.hakmem.box.midpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hakmem.api.spi.RegionTable;
import org.junit.jupiter.api.Test;

/** Covers a segment's page bookkeeping: finding a run of free pages, occupying and vacating it, the span per page. */
class SegmentTest {

    /** Never dereferenced: a segment's bookkeeping is arithmetic on its base. */
    private static final long BASE = 0x7000_0000_0000L;
    private static final long PAGE = 1L << Segment.PAGE_SHIFT;

    private final Segment segment = new Segment(3, BASE);

    @Test
    void aSegmentIsThirtyTwoPagesOfSixtyFourKib() {
        assertEquals(32, Segment.PAGES);
        assertEquals(RegionTable.REGION_SIZE, Segment.PAGES * PAGE);
        assertTrue(segment.isEmpty());
        assertEquals(-1, segment.freeMask);
    }

    @Test
    void anEmptySegmentHasARunOfEveryLengthAtItsStart() {
        for (int pages = 1; pages <= Segment.PAGES; pages++) {
            assertEquals(0, segment.findRun(pages), pages + " pages");
        }
    }

    @Test
    void occupiedPagesAreSkippedAndVacatedOnesFoundAgain() {
        Span low = new Span(segment, 0, 3, 10);
        segment.occupy(low);
        assertEquals(0b111, ~segment.freeMask);
        assertFalse(segment.isEmpty());
        assertEquals(3, segment.findRun(1));
        assertEquals(3, segment.findRun(29));
        assertEquals(-1, segment.findRun(30));
        assertEquals(-1, segment.findRun(Segment.PAGES));

        Span middle = new Span(segment, 5, 2, 10);
        segment.occupy(middle);
        assertEquals(3, segment.findRun(2), "the gap between the spans");
        assertEquals(7, segment.findRun(3), "too small a gap is skipped");
        assertEquals(7, segment.findRun(25));
        assertEquals(-1, segment.findRun(26));

        segment.vacate(low);
        assertEquals(0, segment.findRun(5));
        assertEquals(7, segment.findRun(6), "the freed run is one page short");
        segment.vacate(middle);
        assertTrue(segment.isEmpty());
        assertEquals(0, segment.findRun(Segment.PAGES));
    }

    @Test
    void theWholeSegmentIsOneRunOfThirtyTwoPages() {
        Span whole = new Span(segment, 0, Segment.PAGES, 0);
        segment.occupy(whole);
        assertEquals(0, segment.freeMask);
        for (int pages = 1; pages <= Segment.PAGES; pages++) {
            assertEquals(-1, segment.findRun(pages), pages + " pages");
        }
        for (int page = 0; page < Segment.PAGES; page++) {
            assertSame(whole, segment.spanAt(BASE + page * PAGE + page * 999));
        }
        segment.vacate(whole);
        assertTrue(segment.isEmpty());
        assertNull(segment.spanAt(BASE));
        assertNull(segment.spanAt(BASE + RegionTable.REGION_SIZE - 1));
    }

    @Test
    void theTopPageIsTrackedByTheSignBit() {
        Span top = new Span(segment, 31, 1, 0);
        segment.occupy(top);
        assertEquals(Integer.MAX_VALUE, segment.freeMask);
        assertEquals(0, segment.findRun(31));
        assertEquals(-1, segment.findRun(32));
        Span rest = new Span(segment, 0, 31, 0);
        segment.occupy(rest);
        assertEquals(0, segment.freeMask);
        assertEquals(-1, segment.findRun(1));
        segment.vacate(top);
        assertEquals(31, segment.findRun(1));
        assertEquals(Integer.MIN_VALUE, segment.freeMask);
    }

    @Test
    void spanAtNamesTheSpanOfEachPageAndNullForFreePages() {
        Span a = new Span(segment, 2, 3, 1);
        Span b = new Span(segment, 5, 1, 2);
        segment.occupy(a);
        segment.occupy(b);
        assertNull(segment.spanAt(BASE + 2 * PAGE - 1));
        assertSame(a, segment.spanAt(BASE + 2 * PAGE));
        assertSame(a, segment.spanAt(BASE + 5 * PAGE - 1));
        assertSame(b, segment.spanAt(BASE + 5 * PAGE));
        assertSame(b, segment.spanAt(BASE + 6 * PAGE - 1));
        assertNull(segment.spanAt(BASE + 6 * PAGE));
        segment.vacate(a);
        assertNull(segment.spanAt(BASE + 3 * PAGE));
        assertSame(b, segment.spanAt(BASE + 5 * PAGE));
    }
}
