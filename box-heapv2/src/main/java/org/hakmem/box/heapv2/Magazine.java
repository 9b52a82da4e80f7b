package org.hakmem.box.heapv2;

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

    private final long[] slots = new long[CLASSES * SLOTS];
    private final int[] counts = new int[CLASSES];
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
        int count = counts[sizeClass];
        if (count == 0) {
            return 0;
        }
        if (stats) {
            magHits++;
        }
        counts[sizeClass] = --count;
        return slots[sizeClass * SLOTS + count];
    }

    @Override
    public boolean push(long address, int sizeClass) {
        if (!serves(sizeClass)) {
            return false;
        }
        int count = counts[sizeClass];
        if (count == SLOTS) {
            return false;
        }
        slots[sizeClass * SLOTS + count] = address;
        counts[sizeClass] = count + 1;
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
            bytes += counts[c] * TinyHeader.usableSize(c);
        }
        return bytes;
    }

    @Override
    public void retire(BlockSink sink) {
        for (int c = 0; c < CLASSES; c++) {
            while (counts[c] > 0) {
                counts[c]--;
                sink.accept(slots[c * SLOTS + counts[c]], c);
            }
        }
        owner.retired(this);
    }
}
