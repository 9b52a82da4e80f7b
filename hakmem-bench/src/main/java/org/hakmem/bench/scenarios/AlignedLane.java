package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;
import org.hakmem.bench.allocators.Touch;

/**
 * The lane of {@code aligned}: one op frees the block of the next pseudo-random slot, takes a block of the next size
 * at the lane's alignment by {@code alignedAlloc} and writes its first byte. The alignment is checked on every block
 * of the fill and of the end state, never in the measured loop. Owns that loop; never reads memory.
 */
final class AlignedLane extends Lane {

    private final int[] order;
    private final int[] sizes;
    private final long alignment;

    AlignedLane(BenchAllocator heap, long[] blocks, int base, int slots, int start, int[] order, int[] sizes,
                long alignment) {
        super(heap, blocks, base, slots, start);
        this.order = order;
        this.sizes = sizes;
        this.alignment = alignment;
    }

    @Override
    void fill() {
        for (int index = 0; index < slots; index++) {
            int slot = base + index;
            int size = sizes[(Sequences.LENGTH - 1 - index) & Sequences.MASK];
            blocks[slot] = heap.alignedAlloc(slot, alignment, size);
            Touch.first(blocks[slot], (byte) slot);
            account(index, size);
        }
        verify();
    }

    @Override
    void op() {
        int step = cursor++ & Sequences.MASK;
        int index = order[step];
        int slot = base + index;
        heap.free(slot, blocks[slot]);
        int size = sizes[step];
        long address = heap.alignedAlloc(slot, alignment, size);
        blocks[slot] = address;
        Touch.first(address, (byte) slot);
        account(index, size);
    }

    @Override
    void verify() {
        for (int slot = base; slot < base + slots; slot++) {
            if ((blocks[slot] & (alignment - 1)) != 0) {
                throw new IllegalStateException(heap.name() + " returned " + blocks[slot] + " for a block aligned to "
                        + alignment);
            }
        }
    }
}
