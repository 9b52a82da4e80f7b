package org.hakmem.box.midpool;

import org.hakmem.api.spi.RegionTable;

/**
 * One 2 MiB, 2 MiB-aligned mapping of 32 pages of 64 KiB, registered in the region table. Which pages are free, and
 * which span holds each page, is guarded by {@link Segments}; {@link #spanAt} may be read without it by a thread
 * that holds a block of the span (that block keeps the span in place).
 */
final class Segment {

    static final int PAGE_SHIFT = 16;
    static final int PAGES = (int) (RegionTable.REGION_SIZE >>> PAGE_SHIFT);

    final int index;
    final long base;
    /** Bit i set when page i is free. */
    int freeMask = -1;
    /** When the last span left ({@link Segments}' clock), if none has come since; guarded like {@link #freeMask}. */
    long emptySince;
    private final Span[] spans = new Span[PAGES];

    Segment(int index, long base) {
        this.index = index;
        this.base = base;
    }

    /** The span holding {@code address}, which lies in this segment; null for a free page. */
    Span spanAt(long address) {
        return spans[(int) ((address - base) >>> PAGE_SHIFT)];
    }

    /** The first page of a run of {@code pages} free ones, or -1. */
    int findRun(int pages) {
        int run = pages == PAGES ? -1 : (1 << pages) - 1;
        for (int first = 0; first + pages <= PAGES; first++) {
            if ((freeMask & (run << first)) == run << first) {
                return first;
            }
        }
        return -1;
    }

    void occupy(Span span) {
        freeMask &= ~runMask(span);
        for (int page = span.firstPage; page < span.firstPage + span.pages; page++) {
            spans[page] = span;
        }
    }

    void vacate(Span span) {
        for (int page = span.firstPage; page < span.firstPage + span.pages; page++) {
            spans[page] = null;
        }
        freeMask |= runMask(span);
    }

    boolean isEmpty() {
        return freeMask == -1;
    }

    private static int runMask(Span span) {
        return (span.pages == PAGES ? -1 : (1 << span.pages) - 1) << span.firstPage;
    }
}
