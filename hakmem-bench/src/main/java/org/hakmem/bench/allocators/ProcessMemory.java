package org.hakmem.bench.allocators;

import org.hakmem.api.os.OsLayer;

/**
 * The process's resident memory, read the same way for every allocator: the current RSS from /proc/self/statm, through
 * hakmem's OS layer. Owns that reading; never allocates through the OS layer.
 */
public final class ProcessMemory {

    private static final OsLayer OS = OsLayer.create();

    private ProcessMemory() {
    }

    /** Resident set size now, in bytes; -1 when the OS does not say. */
    public static long rssBytes() {
        return OS.rssBytes();
    }
}
