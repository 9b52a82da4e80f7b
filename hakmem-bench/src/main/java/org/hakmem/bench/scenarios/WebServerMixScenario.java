package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Scenario "webServerMix", a web server's size mix: 80 % of sizes in 16-1023 B, 15 % in 1-64 KiB, 5 % in 64-256 KiB
 * (uniform within each band), a workset of 256 slots; one op replaces the block of a pseudo-random slot with one of
 * the next size and writes its first byte. Owns that shape; never reads memory.
 */
public class WebServerMixScenario extends LaneScenario {

    public static final int WORKSET = 256;

    /** The lane both the one-thread and the two-thread benchmark run. */
    static Lane lane(BenchAllocator heap, long[] blocks, int base, int start) {
        return new ReplaceLane(heap, blocks, base, WORKSET, start, Sequences.slots(WORKSET), Sequences.webServerSizes(),
                false, ReplaceLane.MALLOC);
    }

    public WebServerMixScenario() {
        super(1, WORKSET);
    }

    @Override
    protected Lane lane(int base, int start) {
        return lane(heap, blocks, base, start);
    }

    @Benchmark
    public void webServerMix() {
        oneOp();
    }
}
