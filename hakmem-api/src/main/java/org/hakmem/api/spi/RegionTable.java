package org.hakmem.api.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which 2 MiB regions of the address space hold a hakmem SuperSlab or mid pool segment, and under which id. FrontGate
 * asks it before it reads a byte of a pooled block, so a lookup is lock-free and reads nothing but this table: a few loads.
 *
 * <p>Open addressing over one array of fixed capacity: each entry packs the region number and the id + 1. Entries
 * change by compare-and-set; {@link #lookup} reads them plainly, which is enough: a block handed from one thread to
 * another carries the happens-before edge from its SuperSlab's registration, and a region is unregistered only once
 * no live block is left in it. An unregistered region stays behind as a retired entry (id field 0), so that a late free into a SuperSlab
 * hakmem already gave back can still be named; a later registration reuses the slot. Registration and removal are
 * rare (a SuperSlab's life); lookups are every tiny free.
 */
public final class RegionTable {

    /** log2 of the region size: SuperSlabs are 2 MiB, aligned to 2 MiB. */
    public static final int REGION_SHIFT = 21;
    public static final long REGION_SIZE = 1L << REGION_SHIFT;
    /** Ids from here on name mid pool segments; the tiny pool's SuperSlabs take the ids below. */
    public static final int MID_IDS = 1 << 23;

    /** Region 0 (the first 2 MiB of the address space) is never mapped, so 0 is free to mean "empty". */
    private static final long EMPTY = 0;
    private static final int ID_BITS = 24;
    private static final long ID_MASK = (1L << ID_BITS) - 1;

    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] entries;
    private final int mask;

    /** A table for up to {@code maxRegions} live regions (its capacity is twice that, rounded to a power of two). */
    public RegionTable(int maxRegions) {
        if (maxRegions < 1 || maxRegions > (1 << 22)) {
            throw new IllegalArgumentException("maxRegions " + maxRegions + " is not from 1 to 2^22");
        }
        int capacity = Integer.highestOneBit(maxRegions * 2 - 1) << 1;
        entries = new long[capacity];
        mask = capacity - 1;
    }

    /**
     * Registers the region starting at {@code base} (2 MiB aligned) under {@code id} (0 to 2^24-2).
     *
     * @throws IllegalStateException when the table is full
     */
    public void register(long base, int id) {
        if ((base & (REGION_SIZE - 1)) != 0 || base <= 0 || id < 0 || id >= ID_MASK) {
            throw new IllegalArgumentException("region 0x" + Long.toHexString(base) + " id " + id);
        }
        long region = base >>> REGION_SHIFT;
        long entry = (region << ID_BITS) | (id + 1);
        for (int probe = 0, slot = slot(region); probe <= mask; probe++, slot = (slot + 1) & mask) {
            long current = (long) ENTRY.getVolatile(entries, slot);
            if ((current == EMPTY || isRetired(current)) && ENTRY.compareAndSet(entries, slot, current, entry)) {
                return;
            }
        }
        throw new IllegalStateException("region table full: " + (mask + 1) / 2 + " SuperSlabs");
    }

    /** Retires the region starting at {@code base}: lookups no longer find it, {@link #wasRetired} does. */
    public void unregister(long base) {
        long region = base >>> REGION_SHIFT;
        for (int probe = 0, slot = slot(region); probe <= mask; probe++, slot = (slot + 1) & mask) {
            long current = (long) ENTRY.getVolatile(entries, slot);
            if (current == EMPTY) {
                return;
            }
            if (!isRetired(current) && current >>> ID_BITS == region) {
                ENTRY.compareAndSet(entries, slot, current, region << ID_BITS);
                return;
            }
        }
    }

    /**
     * Whether {@code address} lies in a region that held a SuperSlab and was given back (as far as the table still
     * remembers). For error messages: such an address is a stale pointer, never a foreign block.
     */
    public boolean wasRetired(long address) {
        if (address <= 0) {
            return false;
        }
        long region = address >>> REGION_SHIFT;
        for (int probe = 0, slot = slot(region); probe <= mask; probe++, slot = (slot + 1) & mask) {
            long current = (long) ENTRY.getVolatile(entries, slot);
            if (current == EMPTY) {
                return false;
            }
            if (isRetired(current) && current >>> ID_BITS == region) {
                return true;
            }
        }
        return false;
    }

    /** The id of the region holding {@code address}, or -1 when no SuperSlab covers it. */
    public int lookup(long address) {
        if (address <= 0) {
            return -1;
        }
        long region = address >>> REGION_SHIFT;
        for (int probe = 0, slot = slot(region); probe <= mask; probe++, slot = (slot + 1) & mask) {
            long current = entries[slot];
            if (current == EMPTY) {
                return -1;
            }
            if (!isRetired(current) && current >>> ID_BITS == region) {
                return (int) (current & ID_MASK) - 1;
            }
        }
        return -1;
    }

    private static boolean isRetired(long entry) {
        return (entry & ID_MASK) == 0;
    }

    private int slot(long region) {
        long h = region * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h >>> 40) & mask;
    }
}
