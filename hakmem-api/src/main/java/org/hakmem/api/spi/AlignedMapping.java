package org.hakmem.api.spi;

import org.hakmem.api.os.Advice;
import org.hakmem.api.os.OsLayer;

/**
 * Maps memory aligned to more than a page: maps {@code alignment} bytes more, keeps the aligned middle and hands the
 * unaligned head and tail to Batch (only Batch may unmap them). One mmap, up to two immediate munmaps.
 */
public final class AlignedMapping {

    private AlignedMapping() {
    }

    /**
     * One region of {@link RegionTable#REGION_SIZE}, aligned to it, as the pools map their SuperSlabs and segments;
     * advised to be backed by transparent huge pages when {@code hugePageSize} tiles it. A pool touches its regions all
     * over: on 4 KiB pages a workset of a few MiB misses the TLB on most touches.
     */
    public static long mapRegion(OsLayer os, Batch batch, long hugePageSize) {
        long base = map(os, batch, RegionTable.REGION_SIZE, RegionTable.REGION_SIZE);
        if (hugePageSize > 0 && RegionTable.REGION_SIZE % hugePageSize == 0) {
            os.madvise(base, RegionTable.REGION_SIZE, Advice.HUGEPAGE); // advice only: a refusal changes nothing
        }
        return base;
    }

    /** {@code length} bytes at an address that is a multiple of {@code alignment} (a power of two, at least a page). */
    public static long map(OsLayer os, Batch batch, long length, long alignment) {
        long raw = os.mmap(length + alignment);
        long aligned = (raw + alignment - 1) & -alignment;
        long head = aligned - raw;
        long tail = alignment - head;
        if (head > 0) {
            batch.releaseUnused(raw, head);
        }
        if (tail > 0) {
            batch.releaseUnused(aligned + length, tail);
        }
        return aligned;
    }
}
