package org.hakmem.api.spi;

import org.hakmem.api.os.OsLayer;

/**
 * Maps memory aligned to more than a page: maps {@code alignment} bytes more, keeps the aligned middle and hands the
 * unaligned head and tail to Batch (only Batch may unmap them). One mmap, up to two immediate munmaps.
 */
public final class AlignedMapping {

    private AlignedMapping() {
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
