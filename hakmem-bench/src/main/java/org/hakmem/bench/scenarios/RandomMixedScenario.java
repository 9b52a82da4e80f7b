package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.Touch;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Scenario "randomMixed": 256 slots of sizes drawn uniformly from 16 to 1040 bytes; one op replaces the block of a
 * pseudo-random slot with one of the next size (free, malloc, write its first byte). Both sequences are
 * precomputed from a fixed seed. Owns that loop; never reads memory.
 */
public class RandomMixedScenario extends Workset {

    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 1040;
    public static final int WORKSET = 256;

    private int[] order;
    private int[] sizes;
    private int cursor;

    @Override
    protected int slots() {
        return WORKSET;
    }

    @Override
    protected void fill() {
        order = Sequences.slots(WORKSET);
        sizes = Sequences.sizes(MIN_SIZE, MAX_SIZE);
        for (int slot = 0; slot < WORKSET; slot++) {
            blocks[slot] = heap.malloc(slot, sizes[(Sequences.LENGTH - 1 - slot) & Sequences.MASK]);
            Touch.first(blocks[slot], (byte) slot);
        }
    }

    @Benchmark
    public void randomMixed() {
        int step = cursor++ & Sequences.MASK;
        int slot = order[step];
        heap.free(slot, blocks[slot]);
        long address = heap.malloc(slot, sizes[step]);
        blocks[slot] = address;
        Touch.first(address, (byte) slot);
        counters.operations++;
    }
}
