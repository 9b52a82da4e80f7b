package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;
import org.hakmem.bench.allocators.Touch;

/**
 * The lane of {@code reallocHeavy}: every slot holds a block that grows, as a string builder or a growing array does.
 * One op picks the next pseudo-random slot and grows its block by realloc to 1.5 or 2 times its size (a precomputed
 * coin flip), or, when that would pass {@link #MAX_SIZE}, frees it and mallocs a fresh one of 16-64 B; either way it
 * writes the block's last byte. Owns that loop; never reads memory.
 */
final class ReallocLane extends Lane {

    static final int START_MIN = 16;
    static final int START_MAX = 64;
    static final int MAX_SIZE = 32 * 1024;

    private final int[] order;
    private final int[] starts;
    private final boolean[] doubling;

    ReallocLane(BenchAllocator heap, long[] blocks, int base, int slots, int start, int[] order, int[] starts,
                boolean[] doubling) {
        super(heap, blocks, base, slots, start);
        this.order = order;
        this.starts = starts;
        this.doubling = doubling;
    }

    @Override
    void fill() {
        for (int index = 0; index < slots; index++) {
            int slot = base + index;
            int size = starts[(Sequences.LENGTH - 1 - index) & Sequences.MASK];
            blocks[slot] = heap.malloc(slot, size);
            Touch.first(blocks[slot] + size - 1, (byte) slot);
            account(index, size);
        }
    }

    @Override
    void op() {
        int step = cursor++ & Sequences.MASK;
        int index = order[step];
        int slot = base + index;
        int size = requested(index);
        int grown = doubling[step] ? size << 1 : size + (size >> 1);
        long address;
        if (grown > MAX_SIZE) {
            heap.free(slot, blocks[slot]);
            grown = starts[step];
            address = heap.malloc(slot, grown);
        } else {
            address = heap.realloc(slot, blocks[slot], grown);
        }
        blocks[slot] = address;
        Touch.first(address + grown - 1, (byte) slot);
        account(index, grown);
    }
}
