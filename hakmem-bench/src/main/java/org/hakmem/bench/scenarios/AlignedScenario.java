package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Scenario "aligned": a workset of 256 slots of sizes drawn uniformly from 16 B to 8 KiB, each block taken by
 * {@code alignedAlloc} at the {@code alignment} parameter (64 B, a cache line; 4 KiB, a page); one op replaces the
 * block of a pseudo-random slot and writes its first byte. Owns that shape; never reads memory.
 */
public class AlignedScenario extends LaneScenario {

    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 8 * 1024;
    public static final int WORKSET = 256;

    @Param({"64", "4096"})
    public long alignment;

    /** The lane both the one-thread and the two-thread benchmark run. */
    static Lane lane(BenchAllocator heap, long[] blocks, int base, int start, long alignment) {
        return new ReplaceLane(heap, blocks, base, WORKSET, start, Sequences.slots(WORKSET),
                Sequences.sizes(MIN_SIZE, MAX_SIZE), false, alignment);
    }

    public AlignedScenario() {
        super(1, WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return lane(heap, blocks, base, start, alignment);
    }

    @Benchmark
    public void aligned() {
        oneOp();
    }
}
