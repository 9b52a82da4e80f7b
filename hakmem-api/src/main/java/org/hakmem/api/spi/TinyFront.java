package org.hakmem.api.spi;

/**
 * The ULTRA_HOT and HEAP_V2 slots: a per-thread magazine of free tiny blocks in front of the {@link TinyPool}. The
 * pool gives each of its heaps one {@link TinyCache} of every front the assembly wired, outermost first, and asks them
 * before its slabs. A front owns only addresses the pool handed it; it never maps, frees or validates memory.
 */
public interface TinyFront {

    /** Where a free goes. */
    enum Supply {
        /** Frees fill the magazine first, whoever owns the block's slab (HeapV2 mode 0, UltraHot). */
        STEALING,
        /** The slab's owner takes its own blocks back; the magazine gets what is left: blocks of other threads' slabs. */
        LEFTOVER
    }

    /** A fresh, empty cache for one heap. */
    TinyCache newCache();

    Supply supply();

    /** Gives back what the front itself holds (not the cached blocks: the pool takes those back first). */
    default void close() {
    }
}
