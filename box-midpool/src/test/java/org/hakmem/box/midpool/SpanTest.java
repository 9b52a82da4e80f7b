package org.hakmem.box.midpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.RegionTable;
import org.junit.jupiter.api.Test;

/** Covers a span's size per class, the blocks it hands out and takes back, and how it tells a block start. */
class SpanTest {

    /** One mapping for all tests: a span writes only the headers of the blocks it hands out. */
    private static final long BASE = OsLayer.create().mmap(RegionTable.REGION_SIZE);

    private final Segment segment = new Segment(0, BASE);

    @Test
    void everyClassGetsTheFewestPagesHoldingFourBlocksWithAtMostAnEighthWasted() {
        for (int c = 0; c < MidHeader.CLASSES; c++) {
            int pages = Span.pagesFor(c);
            assertTrue(pages >= 1 && pages <= Segment.PAGES, "class " + c + ": " + pages + " pages");
            long block = MidHeader.blockSize(c);
            long bytes = (long) pages << Segment.PAGE_SHIFT;
            long blocks = bytes / block;
            boolean fits = blocks >= 4 && bytes - blocks * block <= bytes / 8;
            assertTrue(fits || pages == Segment.PAGES, "class " + c + ": " + blocks + " blocks in " + pages + " pages");
            for (int fewer = 1; fewer < pages; fewer++) {
                long less = (long) fewer << Segment.PAGE_SHIFT;
                long lessBlocks = less / block;
                assertFalse(lessBlocks >= 4 && less - lessBlocks * block <= less / 8,
                        "class " + c + " would fit in " + fewer + " pages");
            }
            Span span = new Span(segment, 0, pages, c);
            assertEquals(blocks, span.capacity);
            // Above 384 KiB four do not fit a segment: a span is the whole segment, one to three blocks.
            assertTrue(span.capacity >= 4 || (pages == Segment.PAGES && span.capacity >= 1), "class " + c);
        }
        assertEquals(1, new Span(segment, 0, Span.pagesFor(MidHeader.CLASSES - 1), MidHeader.CLASSES - 1).capacity,
                "a 1 MiB block has a segment to itself");
        assertEquals(1, Span.pagesFor(0), "63 blocks of 1 KiB fill a page but 16 bytes");
    }

    @Test
    void takeHandsOutEveryBlockOnceAlignedInsideTheSpanMarkedFreeThenNothing() {
        for (int c : new int[] {0, 5, 17, MidHeader.CLASSES - 1}) {
            int pages = Span.pagesFor(c);
            Span span = new Span(segment, 1, pages, c);
            long start = BASE + (1L << Segment.PAGE_SHIFT);
            long end = start + ((long) pages << Segment.PAGE_SHIFT);
            assertEquals(start, span.base);
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < span.capacity; i++) {
                assertTrue(span.hasFree());
                long address = span.take();
                assertTrue(seen.add(address), "distinct");
                assertEquals(0, address % 16, "16-byte aligned");
                assertTrue(address - MidHeader.SIZE >= start && address + MidHeader.usableSize(c) <= end,
                        "class " + c + ": block " + i + " lies inside the span");
                long header = NativeMemory.getLong(address + MidHeader.TAG_OFFSET);
                assertTrue(MidHeader.isFree(address, header), "a block out of the span is marked free");
                assertEquals(-1, MidHeader.liveClass(address, header));
                assertEquals(i + 1, span.used);
            }
            assertFalse(span.hasFree());
            assertEquals(0, span.take(), "exhausted");
            assertEquals(span.capacity, span.used);
            List<Long> sorted = new ArrayList<>(seen);
            sorted.sort(null);
            for (int i = 1; i < sorted.size(); i++) {
                assertTrue(sorted.get(i) - sorted.get(i - 1) >= MidHeader.blockSize(c), "blocks do not overlap");
            }
        }
    }

    @Test
    void aBlockPutBackIsTakenAgainLastInFirstOut() {
        Span span = new Span(segment, 0, Span.pagesFor(3), 3);
        long a = span.take();
        long b = span.take();
        long c = span.take();
        span.put(b);
        assertEquals(2, span.used);
        span.put(a);
        assertEquals(1, span.used);
        assertEquals(a, span.take(), "the last block put back comes out first");
        assertEquals(b, span.take());
        long fresh = span.take();
        assertTrue(fresh != a && fresh != b && fresh != c, "then the never-used blocks");
        MidHeader.markLive(c, 3);
        span.put(c);
        assertEquals(c, span.take());
        assertTrue(MidHeader.isFree(c, NativeMemory.getLong(c - 8)), "a block taken again is marked free again");
    }

    @Test
    void aFullSpanGetsRoomBackFromEachPut() {
        int quarterMib = MidHeader.classOf(256 * 1024);
        Span span = new Span(segment, 0, Span.pagesFor(quarterMib), quarterMib);
        List<Long> blocks = new ArrayList<>();
        for (long address = span.take(); address != 0; address = span.take()) {
            blocks.add(address);
        }
        assertEquals(span.capacity, blocks.size());
        span.put(blocks.get(1));
        assertTrue(span.hasFree());
        assertEquals(blocks.get(1), span.take());
        assertFalse(span.hasFree());
    }

    @Test
    void indexOfAcceptsBlockStartsOnlyAndOnlyOfBlocksHandedOut() {
        Span span = new Span(segment, 2, Span.pagesFor(4), 4);
        long block = MidHeader.blockSize(4);
        long first = span.take();
        long second = span.take();
        assertEquals(0, span.indexOf(first));
        assertEquals(1, span.indexOf(second));
        assertEquals(first + block, second);
        for (long interior : new long[] {first + 8, first + 16, first - 8, first + MidHeader.usableSize(4) - 1,
                second + 1, second - 16, span.base}) {
            assertEquals(-1, span.indexOf(interior), "interior 0x" + Long.toHexString(interior));
        }
        assertEquals(-1, span.indexOf(second + block), "a block start never handed out");
        assertEquals(-1, span.indexOf(span.base - block + MidHeader.SIZE), "before the span");
        span.put(first);
        assertEquals(0, span.indexOf(first), "a block put back still starts there");
    }

    @Test
    void blockHoldingNamesTheStartOfTheBlockAroundAnAddress() {
        Span span = new Span(segment, 3, Span.pagesFor(9), 9);
        long first = span.take();
        long second = span.take();
        assertEquals(first, span.blockHolding(first));
        assertEquals(first, span.blockHolding(first + 100));
        assertEquals(first, span.blockHolding(second - MidHeader.SIZE - 1));
        assertEquals(second, span.blockHolding(second - MidHeader.SIZE), "the header belongs to its block");
        assertEquals(second, span.blockHolding(second + MidHeader.usableSize(9) - 1));
        long last = span.base + span.first + (span.capacity - 1) * span.blockSize + MidHeader.SIZE;
        long end = span.base + ((long) span.pages << Segment.PAGE_SHIFT);
        assertEquals(last, span.blockHolding(end - 1), "the tail past the last block counts to the last block");
    }

    @Test
    void aColourIsAWholeNumberOfUnitsWithinTheSlack() {
        for (long page = 0; page < 4096; page++) {
            long base = BASE + (page << Segment.PAGE_SHIFT);
            for (long unit : new long[] {64, 256, 4096}) {
                for (long slack : new long[] {0, unit - 1, unit, 5 * unit + 3, 64 * 1024}) {
                    long colour = Span.colour(base, slack, unit);
                    assertEquals(0, colour % unit, "a whole number of units");
                    assertTrue(colour >= 0 && colour <= slack, "colour " + colour + " within slack " + slack);
                }
            }
        }
    }

    @Test
    void everySpanKeepsItsBlocksAlignedAndInsideWhateverItsColour() {
        for (int c = 0; c < MidHeader.POOL_CLASSES; c++) {
            int pages = Span.pagesFor(c);
            long alignment = MidHeader.alignment(c);
            for (int firstPage = 0; firstPage + pages <= Segment.PAGES; firstPage += 3) {
                Span span = new Span(segment, firstPage, pages, c);
                long end = span.base + ((long) pages << Segment.PAGE_SHIFT);
                long firstUser = span.base + span.first + MidHeader.SIZE;
                long lastEnd = span.base + span.first + span.capacity * span.blockSize;
                assertEquals(0, firstUser % alignment, "class " + c + " at page " + firstPage);
                assertTrue(span.first >= MidHeader.firstOffset(c) && lastEnd <= end, "class " + c + " inside");
                assertEquals(span.capacity, new Span(segment, 0, pages, c).capacity, "a colour costs no block");
            }
        }
    }

    @Test
    void spansOfALargeClassPutTheirHeadersInDifferentCacheSets() {
        // 224 KiB blocks: each is 3584 cache lines and 16 bytes, and spans start 64 KiB-aligned, so uncoloured, the
        // headers of every span's blocks would share one or two of the 64 sets of a 48 KiB, 12-way L1.
        int c = MidHeader.classOf(224 * 1024);
        int pages = Span.pagesFor(c);
        Set<Long> sets = new HashSet<>();
        int spans = 0;
        for (int firstPage = 0; firstPage + pages <= Segment.PAGES; firstPage++, spans++) {
            Span span = new Span(segment, firstPage, pages, c);
            for (int i = 0; i < span.capacity; i++) {
                long header = span.base + span.first + i * span.blockSize + MidHeader.SIZE + MidHeader.TAG_OFFSET;
                sets.add(header >>> 6 & 63);
            }
        }
        assertTrue(sets.size() >= spans / 2, sets.size() + " sets for the headers of " + spans + " spans");
    }
}
