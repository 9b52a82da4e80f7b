package org.hakmem.api;

import java.util.List;

/**
 * A snapshot of an allocator's counters. Like the C structs it mirrors, it carries a magic, an ABI version
 * and its size (the number of totals), so tools that store snapshots can tell one layout from another.
 *
 * @param boxes        per-Box counters, in pipeline order
 * @param bytesLive    usable bytes of the live blocks (at least what was requested)
 * @param bytesMapped  bytes currently mapped from the OS by this allocator (live, cached and pending release)
 * @param mmapCalls    mmap calls made by this allocator
 * @param munmapCalls  munmap calls made by this allocator (all of them by Batch)
 * @param madviseCalls madvise calls made by this allocator
 * @param rssBytes     resident set size of the whole process
 * @param minorFaults  minor page faults of the whole process so far (getrusage)
 * @param majorFaults  major page faults of the whole process so far (getrusage)
 */
public record AllocatorStats(
        List<BoxStats> boxes,
        long bytesLive,
        long bytesMapped,
        long mmapCalls,
        long munmapCalls,
        long madviseCalls,
        long rssBytes,
        long minorFaults,
        long majorFaults) {

    /** "HAKM", as in the C design's headers and snapshots. */
    public static final int MAGIC = 0x48414B4D;
    /** Bumped whenever a field is added, removed or changes meaning. */
    public static final int ABI_VERSION = 1;
    /** The number of totals in this record after {@link #boxes()}. */
    public static final int STRUCT_SIZE = 8;

    public AllocatorStats {
        boxes = List.copyOf(boxes);
    }

    public int magic() {
        return MAGIC;
    }

    public int abiVersion() {
        return ABI_VERSION;
    }

    public int structSize() {
        return STRUCT_SIZE;
    }

    /** The counters of the Box filling {@code slot}, or {@code null} if that slot is empty. */
    public BoxStats box(String slot) {
        for (BoxStats box : boxes) {
            if (box.slot().equals(slot)) {
                return box;
            }
        }
        return null;
    }

    /** A counter of the Box filling {@code slot}, or 0 if there is no such Box or counter. */
    public long counter(String slot, String counter) {
        BoxStats box = box(slot);
        return box == null ? 0 : box.get(counter);
    }
}
