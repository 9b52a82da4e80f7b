package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Scenario "mid", the mid pool's own range: a workset of 256 slots of sizes drawn uniformly from 1 KiB to 32 KiB; one
 * op replaces the block of a pseudo-random slot with one of the next size (free, malloc, write its first byte), exactly
 * as randomMixed does for tiny sizes. Owns that shape; never reads memory.
 */
public class MidScenario extends LaneScenario {

    public static final int MIN_SIZE = 1024;
    public static final int MAX_SIZE = 32 * 1024;
    public static final int WORKSET = 256;

    /** The lane both the one-thread and the two-thread benchmark run. */
    static Lane lane(BenchAllocator heap, long[] blocks, int base, int start) {
        return new ReplaceLane(heap, blocks, base, WORKSET, start, Sequences.slots(WORKSET),
                Sequences.sizes(MIN_SIZE, MAX_SIZE), false, ReplaceLane.MALLOC);
    }

    public MidScenario() {
        super(1, WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return lane(heap, blocks, base, start);
    }

    @Benchmark
    public void mid() {
        oneOp();
    }
}
