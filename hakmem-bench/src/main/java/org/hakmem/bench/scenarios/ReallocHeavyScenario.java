package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Scenario "reallocHeavy": 256 slots of growing blocks; one op grows the block of a pseudo-random slot by realloc to
 * 1.5 or 2 times its size and writes its new last byte, or, when it would pass 32 KiB, frees it and mallocs a new one
 * of 16-64 B (see {@link ReallocLane}). Owns that shape; never reads memory.
 */
public class ReallocHeavyScenario extends LaneScenario {

    public static final int WORKSET = 256;

    /** The lane both the one-thread and the two-thread benchmark run. */
    static Lane lane(BenchAllocator heap, long[] blocks, int base, int start) {
        return new ReallocLane(heap, blocks, base, WORKSET, start, Sequences.slots(WORKSET),
                Sequences.sizes(ReallocLane.START_MIN, ReallocLane.START_MAX), Sequences.coinFlips());
    }

    public ReallocHeavyScenario() {
        super(1, WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return lane(heap, blocks, base, start);
    }

    @Benchmark
    public void reallocHeavy() {
        oneOp();
    }
}
