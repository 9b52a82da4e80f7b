package org.hakmem.api.spi;

import java.util.List;
import org.hakmem.api.os.OsLayer;

/** What a provider's factory receives: the resolved configuration, the OS layer, its counters and shared tables. */
public interface BoxContext {

    /** The validated configuration, including this Box's own {@link BoxProvider#settings()}. */
    Config config();

    /** The allocator's OS layer (no munmap: only Batch has that). */
    OsLayer os();

    /** This Box's own counters; they appear in the allocator's stats under the Box's slot. */
    Counters counters();

    /** The registry of live blocks that FrontGate consults. */
    BlockTable blocks();

    /** The registry of SuperSlab regions that FrontGate consults before it reads a tiny block's header. */
    RegionTable regions();

    /**
     * The Batch Box, for Boxes that release mappings.
     *
     * @throws IllegalStateException when asked while building Batch itself
     */
    Batch batch();

    /**
     * The transparent huge page size the pools' regions are advised to use ({@code HAKMEM_THP}), or 0 for none:
     * what {@link AlignedMapping#mapRegion} is given.
     */
    default long hugePageSize() {
        return 0;
    }

    /**
     * The tiny fronts built before this Box (UltraHot, then HeapV2), outermost first; empty when they are switched
     * off. The tiny pool gives each of its heaps a cache of each.
     */
    default List<TinyFront> tinyFronts() {
        return List.of();
    }
}
