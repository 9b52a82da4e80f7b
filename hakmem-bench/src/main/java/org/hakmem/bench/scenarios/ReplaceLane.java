package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;
import org.hakmem.bench.allocators.Touch;

/**
 * The random-replacement lane of {@code mid}, {@code glibcThreadLike} and {@code webServerMix}: one op frees the block
 * of the next pseudo-random slot, mallocs the next size into it and writes it, either its first byte or every byte.
 * Owns that loop; never reads memory.
 */
final class ReplaceLane extends Lane {

    private final int[] order;
    private final int[] sizes;
    private final boolean everyByte;

    /**
     * @param order     slot indexes within the range, as {@link Sequences#slots(int)} draws them
     * @param sizes     the size sequence
     * @param everyByte whether each new block is written whole, or only its first byte
     */
    ReplaceLane(BenchAllocator heap, long[] blocks, int base, int slots, int start, int[] order, int[] sizes,
                boolean everyByte) {
        super(heap, blocks, base, slots, start);
        this.order = order;
        this.sizes = sizes;
        this.everyByte = everyByte;
    }

    @Override
    void fill() {
        for (int index = 0; index < slots; index++) {
            int slot = base + index;
            int size = sizes[(Sequences.LENGTH - 1 - index) & Sequences.MASK];
            blocks[slot] = heap.malloc(slot, size);
            write(blocks[slot], size, (byte) slot);
            account(index, size);
        }
    }

    @Override
    void op() {
        int step = cursor++ & Sequences.MASK;
        int index = order[step];
        int slot = base + index;
        heap.free(slot, blocks[slot]);
        int size = sizes[step];
        long address = heap.malloc(slot, size);
        blocks[slot] = address;
        write(address, size, (byte) slot);
        account(index, size);
    }

    private void write(long address, int size, byte value) {
        if (everyByte) {
            Touch.everyByte(address, size, value);
        } else {
            Touch.first(address, value);
        }
    }
}
