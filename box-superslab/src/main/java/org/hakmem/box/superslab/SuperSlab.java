package org.hakmem.box.superslab;

import org.hakmem.api.spi.RegionTable;

/**
 * One 2 MiB, 2 MiB-aligned mapping of 32 slabs, registered in the region table under {@link #id}. Which slabs are
 * free is guarded by the pool's lock; the slabs' own state by their owners.
 */
final class SuperSlab {

    static final int SLABS = (int) (RegionTable.REGION_SIZE >>> Slab.SHIFT);

    final int id;
    final long base;
    final Slab[] slabs = new Slab[SLABS];
    /** Guarded by the pool lock: bit i set when slab i is free. */
    int freeMask = -1;

    SuperSlab(int id, long base) {
        this.id = id;
        this.base = base;
        for (int i = 0; i < SLABS; i++) {
            slabs[i] = new Slab(this, base + ((long) i << Slab.SHIFT));
        }
    }

    /** The slab holding {@code address}, which must lie in this SuperSlab. */
    Slab slabOf(long address) {
        return slabs[(int) ((address - base) >>> Slab.SHIFT)];
    }

    /** Guarded by the pool lock: takes a free slab, or null if none is left. */
    Slab takeFreeSlab() {
        if (freeMask == 0) {
            return null;
        }
        int index = Integer.numberOfTrailingZeros(freeMask);
        freeMask &= ~(1 << index);
        return slabs[index];
    }

    /** Guarded by the pool lock. */
    void returnSlab(Slab slab) {
        freeMask |= 1 << (int) ((slab.base - base) >>> Slab.SHIFT);
    }

    boolean isEmpty() {
        return freeMask == -1;
    }
}
