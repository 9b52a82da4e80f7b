package org.hakmem.bench.scenarios;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario "webServerMix2t": {@link WebServerMixScenario}'s workload on two threads at once over one allocator, each
 * thread with its own 256 slots. Owns that shape; never reads memory.
 */
public class WebServerMixTwoThreadsScenario extends LaneScenario {

    public WebServerMixTwoThreadsScenario() {
        super(2, WebServerMixScenario.WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return WebServerMixScenario.lane(heap, blocks, base, start);
    }

    @Benchmark
    @OperationsPerInvocation(2 * OPS_PER_LANE)
    public void webServerMix2t() {
        bothLanes();
    }
}
