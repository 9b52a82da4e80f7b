package org.hakmem.api.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which 2 MiB regions of the address space hold a hakmem SuperSlab or mid pool segment, and under which id. FrontGate
 * asks it before it reads a byte of a pooled block, so a lookup is lock-free and reads nothing but this table: a few loads.
 *
 * <p>Open addressing over one array of fixed capacity, the slot picked by the region number's low bits (mappings
 * sit next to each other, so neighbours take neighbouring slots). Each entry packs the region number, a live bit and
 * the id: the region number and the live bit together form the key a lookup compares in one step, so the common case
 * (the first slot probed holds the region) costs one load and one compare after the shifts. Entries change by
 * compare-and-set; {@link #lookup} reads them plainly, which is enough: a block handed from one thread to another
 * carries the happens-before edge from its SuperSlab's registration, and a region is unregistered only once no live
 * block is left in it. An unregistered region stays behind as a retired entry (live bit clear), so that a late free
 * into a SuperSlab hakmem already gave back can still be named; a later registration reuses the slot. Registration
 * and removal are rare (a SuperSlab's life); lookups are every pooled free.
 */
public final class RegionTable {

    /** log2 of the region size: SuperSlabs are 2 MiB, aligned to 2 MiB. */
    public static final int REGION_SHIFT = 21;
    public static final long REGION_SIZE = 1L << REGION_SHIFT;
    /** Ids from here on name mid pool segments; the tiny pool's SuperSlabs take the ids below. */
    public static final int MID_IDS = 1 << 23;

    /** A live entry has its live bit set, a retired one a region number of 1 or more: 0 is free to mean "empty". */
    private static final long EMPTY = 0;
    private static final int ID_BITS = 24;
    private static final long ID_MASK = (1L << ID_BITS) - 1;
    /** Set in the entry of a registered region; clear in a retired one. */
    private static final long LIVE = 1L << ID_BITS;
    /** Regions start below this (2^60): a region number and the live bit then fit above the id. */
    private static final long ADDRESS_LIMIT = 1L << 60;

    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] entries;

    /** A table for up to {@code maxRegions} live regions (its capacity is twice that, rounded to a power of two). */
    public RegionTable(int maxRegions) {
        if (maxRegions < 1 || maxRegions > (1 << 22)) {
            throw new IllegalArgumentException("maxRegions " + maxRegions + " is not from 1 to 2^22");
        }
        entries = new long[Integer.highestOneBit(maxRegions * 2 - 1) << 1];
    }

    /**
     * Registers the region starting at {@code base} (2 MiB aligned) under {@code id} (0 to 2^24-2).
     *
     * @throws IllegalStateException when the table is full
     */
    public void register(long base, int id) {
        if ((base & (REGION_SIZE - 1)) != 0 || base <= 0 || base >= ADDRESS_LIMIT || id < 0 || id >= ID_MASK) {
            throw new IllegalArgumentException("region 0x" + Long.toHexString(base) + " id " + id);
        }
        long entry = key(base) << ID_BITS | id;
        int mask = entries.length - 1;
        for (int probe = 0, slot = slot(base); probe <= mask; probe++, slot = (slot + 1) & mask) {
            long current = (long) ENTRY.getVolatile(entries, slot);
            if ((current & LIVE) == 0 && ENTRY.compareAndSet(entries, slot, current, entry)) {
                return;
            }
        }
        throw new IllegalStateException("region table full: " + entries.length / 2 + " SuperSlabs");
    }

    /** Retires the region starting at {@code base}: lookups no longer find it, {@link #wasRetired} does. */
    public void unregister(long base) {
        long key = key(base);
        int mask = entries.length - 1;
        for (int probe = 0, slot = slot(base); probe <= mask; probe++, slot = (slot + 1) & mask) {
            long current = (long) ENTRY.getVolatile(entries, slot);
            if (current == EMPTY) {
                return;
            }
            if (current >>> ID_BITS == key) {
                ENTRY.compareAndSet(entries, slot, current, (key & ~1L) << ID_BITS);
                return;
            }
        }
    }

    /**
     * Whether {@code address} lies in a region that held a SuperSlab and was given back (as far as the table still
     * remembers). For error messages: such an address is a stale pointer, never a foreign block.
     */
    public boolean wasRetired(long address) {
        long retired = key(address) & ~1L;
        int mask = entries.length - 1;
        for (int probe = 0, slot = slot(address); probe <= mask; probe++, slot = (slot + 1) & mask) {
            long current = (long) ENTRY.getVolatile(entries, slot);
            if (current == EMPTY) {
                return false;
            }
            if (current >>> ID_BITS == retired) {
                return true;
            }
        }
        return false;
    }

    /** The id of the region holding {@code address}, or -1 when no SuperSlab covers it. */
    public int lookup(long address) {
        int slot = slot(address);
        long entry = entries[slot];
        // The whole fast path: no empty, retired or foreign entry has this key (nor has any address from 2^60 up).
        if (entry >>> ID_BITS == key(address)) {
            return (int) (entry & ID_MASK);
        }
        return probe(address, slot);
    }

    /** The rest of a lookup: the slots after the first, up to an empty one. */
    private int probe(long address, int first) {
        long key = key(address);
        int mask = entries.length - 1;
        for (int probe = 1, slot = (first + 1) & mask; probe <= mask; probe++, slot = (slot + 1) & mask) {
            long current = entries[slot];
            if (current == EMPTY) {
                return -1;
            }
            if (current >>> ID_BITS == key) {
                return (int) (current & ID_MASK);
            }
        }
        return -1;
    }

    /**
     * The region number of {@code address} with the live bit after it: what a live entry holds above its id. Below
     * 2^60 it is below 2^40, so it fits above the 24-bit id; an address from 2^60 up (or a negative one) gives a key
     * of 2^40 or more, which no entry holds.
     */
    private static long key(long address) {
        return address >>> (REGION_SHIFT - 1) | 1;
    }

    /** The first slot probed: the region number's low bits (masked by the length, so no bounds check is left). */
    private int slot(long address) {
        return (int) (address >>> REGION_SHIFT) & (entries.length - 1);
    }
}
