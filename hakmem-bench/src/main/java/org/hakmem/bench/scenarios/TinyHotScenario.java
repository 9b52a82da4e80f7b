package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.Touch;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Scenario "tinyHot": the hottest tiny path, as a parser's scratch buffer sees it. One op mallocs a block of the next
 * size of 16, 32, 16, 64 bytes, writes its first byte and frees it at once, beside a workset of 64 such blocks that
 * stays live. Owns that loop; never reads memory.
 */
public class TinyHotScenario extends Workset {

    static final int SLOTS = 64;
    private static final int[] SIZES = {16, 32, 16, 64};

    private int next;

    @Override
    protected int slots() {
        return SLOTS + 1;
    }

    @Override
    protected void fill() {
        for (int slot = 0; slot < SLOTS; slot++) {
            blocks[slot] = heap.malloc(slot, SIZES[slot & 3]);
            Touch.first(blocks[slot], (byte) slot);
        }
    }

    @Benchmark
    public void tinyHot() {
        int size = SIZES[next++ & 3];
        long address = heap.malloc(SLOTS, size);
        Touch.first(address, (byte) size);
        heap.free(SLOTS, address);
        counters.operations++;
    }
}
