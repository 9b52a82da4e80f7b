package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.Touch;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Scenario "vm": four 2 MiB blocks; one op frees the next slot's block, allocates 2 MiB into it and writes one byte
 * per 4 KiB page, as a VM or a buffer pool recycling large regions would. "vmWrites" is the same op without the free
 * and the malloc: the writes alone, into the four blocks the allocator handed out at the start, which is what vm
 * would score if free and malloc cost nothing. The blocks' placement still counts: where in its pages a block starts
 * decides which cache sets its page-strided writes fall into. Owns those loops; never reads memory.
 */
public class VmScenario extends Workset {

    static final long BLOCK = 2L << 20;
    static final int SLOTS = 4;

    private int next;

    @Override
    protected int slots() {
        return SLOTS;
    }

    @Override
    protected void fill() {
        for (int slot = 0; slot < SLOTS; slot++) {
            blocks[slot] = heap.malloc(slot, BLOCK);
            Touch.everyPage(blocks[slot], BLOCK, (byte) slot);
        }
    }

    @Benchmark
    public void vm() {
        int slot = next;
        next = (slot + 1) & (SLOTS - 1);
        heap.free(slot, blocks[slot]);
        long address = heap.malloc(slot, BLOCK);
        blocks[slot] = address;
        Touch.everyPage(address, BLOCK, (byte) slot);
        counters.operations++;
    }

    @Benchmark
    public void vmWrites() {
        int slot = next;
        next = (slot + 1) & (SLOTS - 1);
        Touch.everyPage(blocks[slot], BLOCK, (byte) slot);
        counters.operations++;
    }
}
