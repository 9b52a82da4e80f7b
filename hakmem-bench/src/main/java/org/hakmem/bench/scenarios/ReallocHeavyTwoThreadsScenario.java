package org.hakmem.bench.scenarios;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario "reallocHeavy2t": {@link ReallocHeavyScenario}'s workload on two threads at once over one allocator, each
 * thread with its own 256 slots. Owns that shape; never reads memory.
 */
public class ReallocHeavyTwoThreadsScenario extends LaneScenario {

    public ReallocHeavyTwoThreadsScenario() {
        super(2, ReallocHeavyScenario.WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return ReallocHeavyScenario.lane(heap, blocks, base, start);
    }

    @Benchmark
    @OperationsPerInvocation(2 * OPS_PER_LANE)
    public void reallocHeavy2t() {
        bothLanes();
    }
}
