package org.hakmem.bench.scenarios;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Scenario "aligned2t": {@link AlignedScenario}'s workload on two threads at once over one allocator, each thread with
 * its own 256 slots. Owns that shape; never reads memory.
 */
public class AlignedTwoThreadsScenario extends LaneScenario {
    @Param({"64", "4096"})
    public long alignment;

    public AlignedTwoThreadsScenario() {
        super(2, AlignedScenario.WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return AlignedScenario.lane(heap, blocks, base, start, alignment);
    }

    @Benchmark
    @OperationsPerInvocation(2 * OPS_PER_LANE)
    public void aligned2t() {
        bothLanes();
    }
}
