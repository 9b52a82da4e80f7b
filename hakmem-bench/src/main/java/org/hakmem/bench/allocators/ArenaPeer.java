package org.hakmem.bench.allocators;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Peer "arena": one {@code Arena.ofConfined()} per block, allocated on malloc and closed on free. The JDK offers no
 * cheaper way to free one block of native memory on its own, so for fixed-size and mixed workloads this is the
 * honest per-block cost (it includes the zeroing every Arena allocation does). An aligned block is a segment with
 * that alignment. realloc is emulated, as an FFM user must: a new arena and segment, a copy of the old contents, and
 * the old arena closed; for that the peer remembers each slot's size (one array store per malloc).
 * Owns those arenas and sizes; never touches the memory but realloc's copy, and must be used by one thread, as a
 * confined arena demands.
 */
final class ArenaPeer extends SlotPeer<Arena> {

    /** The alignment hakmem guarantees, asked of the arena too. */
    private static final long ALIGNMENT = 8;

    /** The size of each slot's block, for realloc's copy. */
    private final long[] sizes;

    ArenaPeer(int slots) {
        super("arena", slots);
        sizes = new long[slots];
    }

    @Override
    public long malloc(int slot, long size) {
        return allocate(slot, ALIGNMENT, size).address();
    }

    @Override
    public long alignedAlloc(int slot, long alignment, long size) {
        return allocate(slot, alignment, size).address();
    }

    /** Emulated: a new arena, the old contents copied over, the old arena closed. */
    @Override
    @SuppressWarnings("restricted") // the old block is known only by its address; its size is kept above
    public long realloc(int slot, long address, long newSize) {
        Arena old = held(slot);
        long oldSize = sizes[slot];
        MemorySegment grown = allocate(slot, ALIGNMENT, newSize);
        MemorySegment.copy(MemorySegment.ofAddress(address).reinterpret(oldSize), 0, grown, 0,
                Math.min(oldSize, newSize));
        old.close();
        return grown.address();
    }

    private MemorySegment allocate(int slot, long alignment, long size) {
        Arena arena = Arena.ofConfined();
        keep(slot, arena);
        sizes[slot] = size;
        return arena.allocate(size, alignment);
    }

    @Override
    void release(Arena arena) {
        arena.close();
    }
}
