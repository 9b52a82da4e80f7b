package org.hakmem.bench.scenarios;

import java.util.List;

/**
 * The labels under which JMH reports {@link OpCounters}' fields as secondary results, for the runner that reads
 * them back. Owns the names only; a test keeps them equal to the fields.
 */
public final class CounterNames {

    public static final String OPERATIONS = "operations";
    public static final String MINOR_FAULTS = "minorFaults";
    public static final String MMAP = "mmapCalls";
    public static final String MUNMAP = "munmapCalls";
    public static final String MADVISE = "madviseCalls";
    public static final String BATCH_FLUSHES = "batchFlushes";
    public static final String BIGCACHE_HITS = "bigCacheHits";
    public static final String MEMORY_SAMPLES = "memorySamples";
    public static final String PEAK_LIVE_BYTES = "peakLiveBytes";
    public static final String PEAK_RSS_BYTES = "peakRssBytes";

    /** Every label, operations first. */
    public static final List<String> ALL = List.of(OPERATIONS, MINOR_FAULTS, MMAP, MUNMAP, MADVISE, BATCH_FLUSHES,
            BIGCACHE_HITS, MEMORY_SAMPLES, PEAK_LIVE_BYTES, PEAK_RSS_BYTES);

    private CounterNames() {
    }
}
