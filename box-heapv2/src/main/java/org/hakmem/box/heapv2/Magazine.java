package org.hakmem.box.heapv2;

import org.hakmem.api.spi.ThreadHeaps;
import org.hakmem.api.spi.TinyCache;
import org.hakmem.api.spi.TinyHeader;

/**
 * One heap's HeapV2 magazine: a stack of up to 16 free blocks for each class the mask names among C0-C3. Owner
 * thread only; never touches a block. When an allocation finds a served class empty it asks the pool for half a
 * magazine at once (a refill), so a run of mallocs without frees still mostly hits.
 */
final class Magazine implements TinyCache {

    static final int CLASSES = 4;
    static final int SLOTS = 16;
    static final int REFILL = SLOTS / 2;

    /** Where the count of class c is in {@link #slots}: entry COUNTS + c, behind a pad. */
    private static final int COUNTS = ThreadHeaps.PAD_LONGS;
    /** Where class c's stack starts in {@link #slots}: entry STACKS + c * SLOTS. */
    private static final int STACKS = COUNTS + CLASSES;

    /**
     * A pad ({@link ThreadHeaps#PAD_LONGS}), the count of each class, the stacks, and a pad again: everything a call
     * writes, between pads, so no other object (another thread's magazine, after the garbage collector moved both)
     * shares a cache line with it.
     */
    private final long[] slots = new long[STACKS + CLASSES * SLOTS + ThreadHeaps.PAD_LONGS];
    private final int classMask;
    private final boolean stats;
    private final HeapV2Front owner;
    /** Plain counters, owner thread only; read a moment stale by snapshots. */
    long allocCalls;
    long magHits;
    long refills;

    Magazine(int classMask, boolean stats, HeapV2Front owner) {
        this.classMask = classMask;
        this.stats = stats;
        this.owner = owner;
    }

    private boolean serves(int sizeClass) {
        return sizeClass < CLASSES && (classMask >>> sizeClass & 1) != 0;
    }

    @Override
    public int classes() {
        return classMask & (1 << CLASSES) - 1;
    }

    @Override
    public long pop(int sizeClass) {
        if (!serves(sizeClass)) {
            return 0;
        }
        if (stats) {
            allocCalls++;
        }
        int count = (int) slots[COUNTS + sizeClass];
        if (count == 0) {
            return 0;
        }
        if (stats) {
            magHits++;
        }
        slots[COUNTS + sizeClass] = --count;
        return slots[STACKS + sizeClass * SLOTS + count];
    }

    @Override
    public boolean push(long address, int sizeClass) {
        if (!serves(sizeClass)) {
            return false;
        }
        int count = (int) slots[COUNTS + sizeClass];
        if (count == SLOTS) {
            return false;
        }
        slots[STACKS + sizeClass * SLOTS + count] = address;
        slots[COUNTS + sizeClass] = count + 1;
        return true;
    }

    @Override
    public int refillCount(int sizeClass) {
        return serves(sizeClass) ? REFILL : 0;
    }

    @Override
    public void refilled(int sizeClass) {
        if (stats) {
            refills++;
        }
    }

    @Override
    public long cachedBytes() {
        long bytes = 0;
        for (int c = 0; c < CLASSES; c++) {
            bytes += slots[COUNTS + c] * TinyHeader.usableSize(c);
        }
        return bytes;
    }

    @Override
    public void retire(BlockSink sink) {
        for (int c = 0; c < CLASSES; c++) {
            while (slots[COUNTS + c] > 0) {
                int count = (int) --slots[COUNTS + c];
                sink.accept(slots[STACKS + c * SLOTS + count], c);
            }
        }
        owner.retired(this);
    }
}
