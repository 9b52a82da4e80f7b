package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.Touch;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Scenario "coldChurn": one op allocates 100 blocks of 2 MiB, writing one byte per 4 KiB page of each, then frees all
 * 100. It measures what large-block caching and batched release save when memory comes and goes in bursts.
 * Owns that loop; never reads memory.
 */
public class ColdChurnScenario extends Workset {

    static final long BLOCK = 2L << 20;
    static final int BLOCKS = 100;

    @Override
    protected int slots() {
        return BLOCKS;
    }

    @Override
    protected void fill() {
        // Every op starts from empty slots.
    }

    @Benchmark
    public void coldChurn() {
        for (int slot = 0; slot < BLOCKS; slot++) {
            long address = heap.malloc(slot, BLOCK);
            blocks[slot] = address;
            Touch.everyPage(address, BLOCK, (byte) slot);
        }
        for (int slot = 0; slot < BLOCKS; slot++) {
            heap.free(slot, blocks[slot]);
            blocks[slot] = 0;
        }
        counters.operations++;
    }
}
