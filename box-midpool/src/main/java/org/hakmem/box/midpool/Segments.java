package org.hakmem.box.midpool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.AlignedMapping;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.RegionTable;

/**
 * The mid pool's mappings: maps 2 MiB segments, registers them in the region table under ids from
 * {@link RegionTable#MID_IDS}, cuts spans out of their free pages and takes them back. Segments left with no span
 * stay mapped as spares for the next spans, up to {@code spares} of them; one more emptied goes to Batch, and so does
 * a spare beyond the first {@link #WARM_SPARES} found empty for {@link #COLD_NANOS} when the next segment empties.
 * Owns every segment; never unmaps (only Batch may) and never looks inside a span.
 */
final class Segments {

    /**
     * Spares kept however long they stay empty (4 MiB): a workset of large blocks empties and refills whole segments,
     * and mapping one anew costs an mmap and the faults of its pages.
     */
    static final int WARM_SPARES = 2;
    /**
     * How long a spare beyond the warm ones may stay empty before it goes to Batch. A workset of 64-256 KiB blocks
     * emptied and refilled segments within milliseconds (20 mmaps and 40 munmaps a million operations with 2 spares,
     * none with 8); a second is long past that churn and short against a program's phases.
     */
    static final long COLD_NANOS = 1_000_000_000L;

    private final OsLayer os;
    private final Batch batch;
    private final RegionTable regions;
    /** HAKMEM_THP: the huge page size segments are advised to use, or 0. */
    private final long hugePageSize;
    /** By index; read without a lock to find the span of a block, written under this object's lock. */
    private final AtomicReferenceArray<Segment> byIndex;
    /** Guarded by this. */
    private final List<Segment> mapped = new ArrayList<>();
    /** Guarded by this: how many of {@link #mapped} hold no span. */
    private int empty;
    /** HAKMEM_MID_SPARE_SEGMENTS: the most empty segments kept mapped. */
    private final int spares;
    /** Nanoseconds, for the age of a spare ({@link System#nanoTime} but in tests). */
    private final LongSupplier clock;
    private boolean closed;

    Segments(OsLayer os, Batch batch, RegionTable regions, int maxSegments, long hugePageSize, int spares,
            LongSupplier clock) {
        this.hugePageSize = hugePageSize;
        this.spares = spares;
        this.clock = clock;
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

    /** Whether a span of {@code pages} pages would take a new segment: no mapped one has the room. */
    synchronized boolean mustMap(int pages) {
        for (Segment segment : mapped) {
            if (segment.findRun(pages) >= 0) {
                return false;
            }
        }
        return true;
    }

    private Span occupy(Segment segment, int first, int pages, int sizeClass) {
        Span span = new Span(segment, first, pages, sizeClass);
        if (segment.isEmpty()) {
            empty--;
        }
        segment.occupy(span);
        return span;
    }

    /**
     * A span with no block out: its pages are free again. A segment it leaves empty becomes a spare, or goes to Batch
     * when the spares are all there; either way, spares gone cold go too. Spans come and go far more often than
     * segments empty, so only an emptied segment looks at the clock (a pool that stops emptying segments keeps its
     * spares, within {@code spares}).
     */
    void release(Span span) {
        Segment segment = span.segment;
        List<Segment> leaving;
        synchronized (this) {
            if (closed) {
                return;
            }
            segment.vacate(span);
            if (!segment.isEmpty()) {
                return;
            }
            long now = clock.getAsLong();
            segment.emptySince = now;
            empty++;
            leaving = coldSpares(now);
            if (empty - leaving.size() > spares) {
                leaving.add(segment);
            }
            detach(leaving);
        }
        giveBack(leaving);
    }

    /**
     * Lock held: the spares beyond the warm ones that have been empty for {@link #COLD_NANOS} at {@code now}, the
     * earliest mapped first (a new list).
     */
    private List<Segment> coldSpares(long now) {
        List<Segment> cold = new ArrayList<>();
        int left = empty;
        for (Segment segment : mapped) {
            if (left > WARM_SPARES && segment.isEmpty() && now - segment.emptySince >= COLD_NANOS) {
                cold.add(segment);
                left--;
            }
        }
        return cold;
    }

    /** Lock held: the segments leave the pool's books; lookups still find them until {@link #giveBack}. */
    private void detach(List<Segment> leaving) {
        for (Segment gone : leaving) {
            mapped.remove(gone);
            byIndex.set(gone.index, null);
            empty--;
        }
    }

    /** Outside the lock: unregistered first, so no lookup finds a segment Batch may already have unmapped. */
    private void giveBack(List<Segment> leaving) {
        for (Segment segment : leaving) {
            regions.unregister(segment.base);
            batch.release(segment.base, RegionTable.REGION_SIZE);
        }
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

    synchronized int count() {
        return mapped.size();
    }

    /** Hands every segment to Batch; later calls find nothing. */
    void close() {
        List<Segment> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(mapped);
            detach(all);
        }
        giveBack(all);
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
        empty++;
        return segment;
    }
}
