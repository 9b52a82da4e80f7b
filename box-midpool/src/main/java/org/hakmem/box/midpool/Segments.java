package org.hakmem.box.midpool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.AlignedMapping;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.RegionTable;

/**
 * The mid pool's mappings: maps 2 MiB segments, registers them in the region table under ids from
 * {@link RegionTable#MID_IDS}, cuts spans out of their free pages and takes them back. Up to {@link #SPARE_SEGMENTS}
 * segments left with no span stay mapped for the next spans; one more emptied goes to Batch. Owns every segment;
 * never unmaps (only Batch may) and never looks inside a span.
 */
final class Segments {

    /**
     * Empty segments kept mapped (4 MiB): a workset of large blocks empties and refills whole segments, and mapping one
     * anew costs an mmap and 512 page faults.
     */
    static final int SPARE_SEGMENTS = 2;

    private final OsLayer os;
    private final Batch batch;
    private final RegionTable regions;
    /** HAKMEM_THP: the huge page size segments are advised to use, or 0. */
    private final long hugePageSize;
    /** By index; read without a lock to find the span of a block, written under this object's lock. */
    private final AtomicReferenceArray<Segment> byIndex;
    /** Guarded by this. */
    private final List<Segment> mapped = new ArrayList<>();
    private boolean closed;

    Segments(OsLayer os, Batch batch, RegionTable regions, int maxSegments, long hugePageSize) {
        this.hugePageSize = hugePageSize;
        this.os = os;
        this.batch = batch;
        this.regions = regions;
        this.byIndex = new AtomicReferenceArray<>(maxSegments);
    }

    /** A new span of {@code pages} pages for {@code sizeClass}, from the first segment with room, else a new one. */
    synchronized Span carve(int sizeClass, int pages) {
        if (closed) {
            throw new IllegalStateException("the mid pool is closed");
        }
        for (Segment segment : mapped) {
            int first = segment.findRun(pages);
            if (first >= 0) {
                return occupy(segment, first, pages, sizeClass);
            }
        }
        return occupy(map(), 0, pages, sizeClass);
    }

    private Span occupy(Segment segment, int first, int pages, int sizeClass) {
        Span span = new Span(segment, first, pages, sizeClass);
        segment.occupy(span);
        return span;
    }

    /** A span with no block out: its pages are free again; an empty segment beyond the spares goes to Batch. */
    void release(Span span) {
        Segment segment = span.segment;
        synchronized (this) {
            if (closed) {
                return;
            }
            segment.vacate(span);
            if (!segment.isEmpty() || emptySegments() <= SPARE_SEGMENTS) {
                return;
            }
            mapped.remove(segment);
            byIndex.set(segment.index, null);
        }
        regions.unregister(segment.base);
        batch.release(segment.base, RegionTable.REGION_SIZE);
    }

    /** The span holding {@code address}, or null when no live segment page holds it. */
    Span spanOf(long address) {
        int id = regions.lookup(address) - RegionTable.MID_IDS;
        Segment segment = id < 0 || id >= byIndex.length() ? null : byIndex.get(id);
        return segment == null ? null : segment.spanAt(address);
    }

    /**
     * The tag word in front of {@code address} if it lies in a page no span holds of a segment still mapped (a block
     * whose span went back), else 0. Under the lock, so the segment cannot be handed to Batch while it is read.
     */
    synchronized long tagInFreePage(long address) {
        int id = regions.lookup(address) - RegionTable.MID_IDS;
        Segment segment = id < 0 || id >= byIndex.length() ? null : byIndex.get(id);
        long tag = address + MidHeader.TAG_OFFSET;
        if (segment == null || segment.spanAt(address) != null || (address & 15) != 0 || tag < segment.base) {
            return 0;
        }
        return NativeMemory.getLongVolatile(tag);
    }

    /** Lock held. */
    private int emptySegments() {
        int empty = 0;
        for (Segment segment : mapped) {
            if (segment.isEmpty()) {
                empty++;
            }
        }
        return empty;
    }

    synchronized int count() {
        return mapped.size();
    }

    /** Hands every segment to Batch; later calls find nothing. */
    void close() {
        List<Segment> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(mapped);
            mapped.clear();
            for (Segment segment : all) {
                byIndex.set(segment.index, null);
            }
        }
        for (Segment segment : all) {
            regions.unregister(segment.base);
            batch.release(segment.base, RegionTable.REGION_SIZE);
        }
    }

    /** Lock held. */
    private Segment map() {
        int index = 0;
        while (index < byIndex.length() && byIndex.get(index) != null) {
            index++;
        }
        if (index == byIndex.length()) {
            throw new NativeOutOfMemoryError("the mid pool holds its limit of " + byIndex.length()
                    + " segments of 2 MiB (HAKMEM_MID_MAX_SEGMENTS)");
        }
        long base = AlignedMapping.mapRegion(os, batch, hugePageSize);
        Segment segment = new Segment(index, base);
        byIndex.set(index, segment);
        regions.register(base, RegionTable.MID_IDS + index);
        mapped.add(segment);
        return segment;
    }
}
