package org.hakmem.box.midpool;

import org.hakmem.api.spi.MidHeader;

/**
 * A run of contiguous pages of one segment, carved into blocks of one class. Its bookkeeping lives here, on the Java
 * heap, guarded by its class's {@link CentralList}: free blocks are indexes on a stack, never links through native
 * memory, so a write after free cannot steer the pool. Blocks out of the span (live, or in a thread's cache) count
 * as used; a span with none used may go back to its segment.
 */
final class Span {

    /** The unit of a span's {@link #colour}: a cache line on x86-64 and arm64. */
    static final long CACHE_LINE = 64;

    final Segment segment;
    final int firstPage;
    final int pages;
    final long base;
    final int sizeClass;
    /** The distance from one block to the next (an aligned class's blocks are a multiple of its alignment). */
    final long blockSize;
    /**
     * Where the first block starts, from {@link #base}: the class's offset ({@link MidHeader#firstOffset}: 0, or an
     * aligned class's alignment less the header) plus this span's {@link #colour}.
     */
    final long first;
    final int capacity;
    /** The next never-used block. */
    private int bump;
    private final int[] free;
    private int freeCount;
    /** Blocks out of the span. */
    int used;
    /** Whether the class's central list holds this span among those with a free block. */
    boolean listed;

    Span(Segment segment, int firstPage, int pages, int sizeClass) {
        this.segment = segment;
        this.firstPage = firstPage;
        this.pages = pages;
        this.base = segment.base + ((long) firstPage << Segment.PAGE_SHIFT);
        this.sizeClass = sizeClass;
        this.blockSize = MidHeader.blockSize(sizeClass);
        long bytes = (long) pages << Segment.PAGE_SHIFT;
        long classFirst = MidHeader.firstOffset(sizeClass);
        this.capacity = (int) ((bytes - classFirst) / blockSize);
        this.first = classFirst + colour(base, bytes - classFirst - capacity * blockSize,
                Math.max(CACHE_LINE, MidHeader.alignment(sizeClass)));
        this.free = new int[capacity];
    }

    /**
     * A span's colour: how far its blocks sit from where the class would put them, a multiple of {@code unit} (a
     * cache line, or the class's alignment if larger) within the {@code slack} its blocks leave at its end, picked
     * from its base. Spans start on 64 KiB boundaries, and a large class's block is a multiple of 4 KiB plus 16 B,
     * so without it the headers of all spans of such a class, which every free reads and every malloc writes, fall
     * into the same one or two sets of every cache level, and blocks of 224 KiB took 24 ns a free + malloc instead of
     * 13 (README). It costs no memory: the slack is there either way.
     */
    static long colour(long base, long slack, long unit) {
        long colours = slack / unit + 1;
        long mixed = ((base >>> Segment.PAGE_SHIFT) * 0x9E37_79B9_7F4A_7C15L) >>> 32;
        return mixed % colours * unit;
    }

    /**
     * How many 64 KiB pages a span of {@code sizeClass} takes: the fewest that waste at most an eighth on 4 blocks or
     * more.
     */
    static int pagesFor(int sizeClass) {
        long block = MidHeader.blockSize(sizeClass);
        long first = MidHeader.firstOffset(sizeClass);
        for (int pages = 1; pages < Segment.PAGES; pages++) {
            long bytes = (long) pages << Segment.PAGE_SHIFT;
            long blocks = (bytes - first) / block;
            if (blocks >= 4 && bytes - blocks * block <= bytes / 8) {
                return pages;
            }
        }
        return Segment.PAGES;
    }

    /** A block out of the span, its header marked free; 0 when the span has none left. */
    long take() {
        int index;
        if (freeCount > 0) {
            index = free[--freeCount];
        } else if (bump < capacity) {
            index = bump++;
        } else {
            return 0;
        }
        used++;
        long address = base + first + index * blockSize + MidHeader.SIZE;
        // A never-used block's header holds whatever an earlier span left there; a block back from a cache is free.
        MidHeader.markFree(address, sizeClass);
        return address;
    }

    /** A block back into the span; {@code address} must be one of its block starts, not already free. */
    void put(long address) {
        free[freeCount++] = (int) ((address - MidHeader.SIZE - base - first) / blockSize);
        used--;
    }

    boolean hasFree() {
        return freeCount > 0 || bump < capacity;
    }

    /** The block index of user address {@code address}, or -1 if no block handed out so far starts there. */
    int indexOf(long address) {
        long offset = address - MidHeader.SIZE - base - first;
        if (offset < 0 || offset % blockSize != 0) {
            return -1;
        }
        long index = offset / blockSize;
        return index < bump ? (int) index : -1;
    }

    /** The start of the block holding {@code address}, which lies in this span: for error messages. */
    long blockHolding(long address) {
        long index = Math.clamp((address - base - first) / blockSize, 0, capacity - 1);
        return base + first + index * blockSize + MidHeader.SIZE;
    }
}
