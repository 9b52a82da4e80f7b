package org.hakmem.bench.scenarios;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario "mid2t": {@link MidScenario}'s workload on two threads at once over one allocator, each thread with its own
 * lane of 256 slots. Owns that shape; never reads memory.
 */
public class MidTwoThreadsScenario extends LaneScenario {

    public MidTwoThreadsScenario() {
        super(2, MidScenario.WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return MidScenario.lane(heap, blocks, base, start);
    }

    @Benchmark
    @OperationsPerInvocation(2 * OPS_PER_LANE)
    public void mid2t() {
        bothLanes();
    }
}
