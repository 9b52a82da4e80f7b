package org.hakmem.bench.allocators;

/**
 * Counter values at one instant, so a scenario can take the difference over an iteration.
 * Owns the arithmetic on snapshots; never reads a counter itself.
 *
 * @param minorFaults  process-wide minor page faults (getrusage), for every allocator
 * @param mmapCalls    mmap calls of a hakmem pipeline (0 for peers)
 * @param munmapCalls  munmap calls of a hakmem pipeline (0 for peers)
 * @param madviseCalls madvise calls of a hakmem pipeline (0 for peers)
 * @param batchFlushes flushes of hakmem's Batch box (0 for peers)
 * @param bigCacheHits hits of hakmem's BigCache box (0 for peers)
 */
public record CounterSnapshot(long minorFaults, long mmapCalls, long munmapCalls, long madviseCalls,
                              long batchFlushes, long bigCacheHits) {

    /** A snapshot of an allocator that only knows the process's faults. */
    public static CounterSnapshot faultsOnly(long minorFaults) {
        return new CounterSnapshot(minorFaults, 0, 0, 0, 0, 0);
    }

    /** What happened between {@code earlier} and this snapshot. */
    public CounterSnapshot minus(CounterSnapshot earlier) {
        return new CounterSnapshot(
                minorFaults - earlier.minorFaults,
                mmapCalls - earlier.mmapCalls,
                munmapCalls - earlier.munmapCalls,
                madviseCalls - earlier.madviseCalls,
                batchFlushes - earlier.batchFlushes,
                bigCacheHits - earlier.bigCacheHits);
    }
}
