package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Scenario "glibcThreadLike", after the per-thread test of glibc's malloc benchmarks, written from scratch: 1024 slots,
 * random replacement, sizes drawn log-uniformly from 4 B to 32 KiB (density proportional to 1/size: a power law
 * of exponent -1, every doubling of size equally likely), and every byte of each new block written. One op is one
 * replacement. Owns that shape; never reads memory.
 */
public class GlibcThreadLikeScenario extends LaneScenario {

    public static final int MIN_SIZE = 4;
    public static final int MAX_SIZE = 32 * 1024;
    public static final int WORKSET = 1024;

    /** The lane both the one-thread and the two-thread benchmark run. */
    static Lane lane(BenchAllocator heap, long[] blocks, int base, int start) {
        return new ReplaceLane(heap, blocks, base, WORKSET, start, Sequences.slots(WORKSET),
                Sequences.logUniformSizes(MIN_SIZE, MAX_SIZE), true, ReplaceLane.MALLOC);
    }

    public GlibcThreadLikeScenario() {
        super(1, WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return lane(heap, blocks, base, start);
    }

    @Benchmark
    public void glibcThreadLike() {
        oneOp();
    }
}
