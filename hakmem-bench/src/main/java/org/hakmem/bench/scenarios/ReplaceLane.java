package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;
import org.hakmem.bench.allocators.Touch;

/**
 * The random-replacement lane of {@code mid}, {@code glibcThreadLike}, {@code webServerMix} and {@code aligned}: one op
 * frees the block of the next pseudo-random slot, allocates the next size into it (by malloc, or by
 * {@code alignedAlloc} at the lane's alignment) and writes it, either its first byte or every byte. An aligned lane's
 * alignment is checked on every block after the fill and at the end, never in the measured loop. Owns that loop; never
 * reads memory.
 */
final class ReplaceLane extends Lane {

    /** {@link #alignment} of a lane that allocates by malloc. */
    static final long MALLOC = 0;

    private final int[] order;
    private final int[] sizes;
    private final boolean everyByte;
    private final long alignment;

    /**
     * @param order     slot indexes within the range, as {@link Sequences#slots(int)} draws them
     * @param sizes     the size sequence
     * @param everyByte whether each new block is written whole, or only its first byte
     * @param alignment {@link #MALLOC}, or the power of two each block is asked to be aligned to
     */
    ReplaceLane(BenchAllocator heap, long[] blocks, int base, int slots, int start, int[] order, int[] sizes,
                boolean everyByte, long alignment) {
        super(heap, blocks, base, slots, start);
        this.order = order;
        this.sizes = sizes;
        this.everyByte = everyByte;
        this.alignment = alignment;
    }

    @Override
    void fill() {
        for (int index = 0; index < slots; index++) {
            int slot = base + index;
            int size = sizes[(Sequences.LENGTH - 1 - index) & Sequences.MASK];
            blocks[slot] = allocate(slot, size);
            write(blocks[slot], size, (byte) slot);
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
        long address = allocate(slot, size);
        blocks[slot] = address;
        write(address, size, (byte) slot);
        account(index, size);
    }

    @Override
    void verify() {
        if (alignment == MALLOC) {
            return;
        }
        for (int slot = base; slot < base + slots; slot++) {
            if ((blocks[slot] & (alignment - 1)) != 0) {
                throw new IllegalStateException(heap.name() + " returned " + blocks[slot] + " for a block aligned to "
                        + alignment);
            }
        }
    }

    private long allocate(int slot, int size) {
        return alignment == MALLOC ? heap.malloc(slot, size) : heap.alignedAlloc(slot, alignment, size);
    }

    private void write(long address, int size, byte value) {
        if (everyByte) {
            Touch.everyByte(address, size, value);
        } else {
            Touch.first(address, value);
        }
    }
}
