package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.Touch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Scenario "fixedSize": a workset of blocks of one size; one op replaces the block of a pseudo-random slot (free,
 * malloc, write its first byte). Owns that loop; never reads memory.
 */
public class FixedSizeScenario extends Workset {

    @Param({"16", "32", "64", "128", "256", "1024"})
    public int size;

    @Param({"128", "256"})
    public int workset;

    private int[] order;
    private int cursor;

    @Override
    protected int slots() {
        return workset;
    }

    @Override
    protected void fill() {
        order = Sequences.slots(workset);
        for (int slot = 0; slot < workset; slot++) {
            blocks[slot] = heap.malloc(slot, size);
            Touch.first(blocks[slot], (byte) slot);
        }
    }

    @Benchmark
    public void fixedSize() {
        int slot = order[cursor++ & Sequences.MASK];
        heap.free(slot, blocks[slot]);
        long address = heap.malloc(slot, size);
        blocks[slot] = address;
        Touch.first(address, (byte) slot);
        counters.operations++;
    }
}
