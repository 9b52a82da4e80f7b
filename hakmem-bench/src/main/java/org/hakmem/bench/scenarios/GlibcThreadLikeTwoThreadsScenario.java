package org.hakmem.bench.scenarios;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario "glibcThreadLike2t": {@link GlibcThreadLikeScenario}'s workload on two threads at once over one allocator,
 * each thread with its own 1024 slots. Owns that shape; never reads memory.
 */
public class GlibcThreadLikeTwoThreadsScenario extends LaneScenario {

    public GlibcThreadLikeTwoThreadsScenario() {
        super(2, GlibcThreadLikeScenario.WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return GlibcThreadLikeScenario.lane(heap, blocks, base, start);
    }

    @Benchmark
    @OperationsPerInvocation(2 * OPS_PER_LANE)
    public void glibcThreadLike2t() {
        bothLanes();
    }
}
