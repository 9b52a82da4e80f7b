package org.hakmem.bench.allocators;

import java.lang.foreign.Arena;

/**
 * Peer "arena": one {@code Arena.ofConfined()} per block, allocated on malloc and closed on free. The JDK offers no
 * cheaper way to free one block of native memory on its own, so for fixed-size and mixed workloads this is the
 * honest per-block cost (it includes the zeroing every Arena allocation does). Owns those arenas; never touches the
 * memory, and must be used by one thread, as a confined arena demands.
 */
final class ArenaPeer extends SlotPeer<Arena> {

    /** The alignment hakmem guarantees, asked of the arena too. */
    private static final long ALIGNMENT = 8;

    ArenaPeer(int slots) {
        super("arena", slots);
    }

    @Override
    public long malloc(int slot, long size) {
        Arena arena = Arena.ofConfined();
        keep(slot, arena);
        return arena.allocate(size, ALIGNMENT).address();
    }

    @Override
    void release(Arena arena) {
        arena.close();
    }
}
