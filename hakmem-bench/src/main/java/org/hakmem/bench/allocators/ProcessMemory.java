package org.hakmem.bench.allocators;

import org.hakmem.api.os.OsLayer;

/**
 * The process's resident memory, read the same way for every allocator: the current RSS from /proc/self/statm and
 * the high-water mark from getrusage's ru_maxrss, both through hakmem's OS layer. Owns those two readings; never
 * allocates through the OS layer.
 */
public final class ProcessMemory {

    private static final OsLayer OS = OsLayer.create();

    private ProcessMemory() {
    }

    /** Resident set size now, in bytes; -1 when the OS does not say. */
    public static long rssBytes() {
        return OS.rssBytes();
    }

    /** The highest resident set size the process has had so far, in bytes (ru_maxrss). */
    public static long peakRssBytes() {
        return OS.rusage().maxRssBytes();
    }
}
