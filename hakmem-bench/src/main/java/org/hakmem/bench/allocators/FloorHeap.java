package org.hakmem.bench.allocators;

import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicInteger;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.RegionTable;

/**
 * One thread's part of the {@link FloorYardstick}: a stack of free addresses per class, all in one {@code long[]},
 * and the 2 MiB region it carves new blocks from. Only the thread bound to it touches it (a new thread may take it
 * over once that one has died). Owns its stacks and its bump pointer; never reads or writes a block.
 */
final class FloorHeap {

    /** Free blocks one class may hold: more is an error, never a silent leak (no scenario comes near it). */
    static final int STACK = 4096;

    private static final long EMPTY = 0;
    private static final long FULL = -1;
    private static final long REGION = RegionTable.REGION_SIZE;

    /** The thread this heap serves; written under the yardstick's lock, read plainly (a thread finds only itself). */
    Thread owner;
    /** Class c's top is entry c; its stack lies from {@code base(c)}, between an EMPTY and a FULL mark. */
    private final long[] stacks = new long[FloorYardstick.CLASSES + FloorYardstick.CLASSES * (STACK + 2)];
    private final Arena mappings;
    private final RegionTable regions;
    private final AtomicInteger regionIds;
    private long bump;
    private long regionEnd;

    FloorHeap(Thread owner, Arena mappings, RegionTable regions, AtomicInteger regionIds) {
        this.owner = owner;
        this.mappings = mappings;
        this.regions = regions;
        this.regionIds = regionIds;
        for (int c = 0; c < FloorYardstick.CLASSES; c++) {
            stacks[c] = base(c);
            stacks[base(c) + STACK] = FULL;
        }
    }

    private static int base(int sizeClass) {
        return FloorYardstick.CLASSES + sizeClass * (STACK + 2) + 1;
    }

    /** The newest free block of the class, or a new one carved for it. */
    long pop(int sizeClass) {
        long[] stacks = this.stacks;
        int top = (int) stacks[sizeClass];
        long address = stacks[top - 1];
        if (address == EMPTY) {
            return carve(sizeClass);
        }
        stacks[sizeClass] = top - 1;
        return address;
    }

    void push(int sizeClass, long address) {
        long[] stacks = this.stacks;
        int top = (int) stacks[sizeClass];
        if (stacks[top] == FULL) {
            throw new IllegalStateException("floor: more than " + STACK + " free blocks of class " + sizeClass);
        }
        stacks[top] = address;
        stacks[sizeClass] = top + 1;
    }

    /**
     * A never-used block of the class: the next one of the current region, or the first of a new region. A tiny block
     * starts on a multiple of its size; a mid block right after the block before it, on 16 bytes.
     */
    private long carve(int sizeClass) {
        boolean tiny = sizeClass < FloorYardstick.TINY_CLASSES;
        long block = tiny ? 16L << sizeClass : MidHeader.blockSize(sizeClass - FloorYardstick.TINY_CLASSES);
        long alignment = tiny ? block : MidHeader.SIZE;
        long start = (bump + alignment - 1) & -alignment;
        if (start + block > regionEnd) {
            start = mappings.allocate(REGION, REGION).address();
            regions.register(start, regionIds.getAndIncrement());
            regionEnd = start + REGION;
        }
        bump = start + block;
        return start + (tiny ? FloorYardstick.HEADER : MidHeader.SIZE);
    }
}
