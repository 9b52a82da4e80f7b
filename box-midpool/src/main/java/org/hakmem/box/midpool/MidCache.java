package org.hakmem.box.midpool;

import java.util.concurrent.locks.ReentrantLock;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.ThreadHeaps;

/**
 * A thread's cache of free mid blocks: per class, a stack of addresses on the Java heap, most recent on top, all of
 * them one after the other in one array behind the tops of all classes (a pop or push loads no table per class). Holds
 * at most {@link #capacity} blocks of a class and {@link #budget} bytes in all; the pool moves blocks between it and
 * the central lists. Only its thread touches it (a cache virtual threads share is used under {@link #sharedLock}).
 * Knows nothing of spans or of the pool, so a thread that outlives its allocator keeps no segment reachable.
 */
final class MidCache extends ThreadHeaps.Heap {

    /** The default of HAKMEM_MID_CACHE_BYTES: bytes of blocks (headers included) one cache may hold in all classes. */
    static final long BUDGET = 4L << 20;
    /** Bytes of blocks one class may hold, within 8 to 256 blocks. */
    static final long CLASS_BYTES = 1024 * 1024;

    /** Block bytes by class, headers included: one load on the fast path. */
    private static final long[] BLOCK = new long[MidHeader.POOL_CLASSES];

    /** Where the bytes of the blocks held (headers included) are kept in {@link #slots}: first after the pad. */
    private static final int BYTES = ThreadHeaps.PAD_LONGS;
    /** Where class c's top is in {@link #slots}: entry TOPS + c. */
    private static final int TOPS = BYTES + 1;
    /**
     * Where each class's stack lies in {@link #slots}, after the tops of all classes: an {@link #EMPTY} mark, room for
     * {@link #capacity} blocks (oldest first), a {@link #FULL} mark. The last entry is where the trailing pad starts.
     */
    private static final int[] BASE = new int[MidHeader.POOL_CLASSES + 1];
    /** Left of a class's oldest block: a pop that reads it found the stack empty. No block lies at address 0. */
    private static final long EMPTY = 0;
    /** Right of a class's last slot: a push that reads it found the stack full. No block lies at address -1. */
    private static final long FULL = -1;

    static {
        BASE[0] = TOPS + MidHeader.POOL_CLASSES;
        for (int c = 0; c < MidHeader.POOL_CLASSES; c++) {
            BLOCK[c] = MidHeader.blockSize(c);
            BASE[c + 1] = BASE[c] + capacity(c) + 2;
        }
    }

    final ReentrantLock sharedLock;
    /** Bytes of blocks (headers included) this cache may hold in all classes together. */
    private final long budget;
    /**
     * A pad ({@link ThreadHeaps#PAD_LONGS}), the bytes of the blocks held, then entry TOPS + c: where class c's next
     * block goes (its top); then the stacks, as {@link #BASE} says, and a pad again. Everything a call writes is in
     * here, between the pads, so no other object shares a cache line with it (not even this cache's own fields, which
     * other threads read).
     */
    private final long[] slots = new long[BASE[MidHeader.POOL_CLASSES] + ThreadHeaps.PAD_LONGS];

    MidCache(boolean shared) {
        this(shared, BUDGET);
    }

    MidCache(boolean shared, long budget) {
        this.sharedLock = shared ? new ReentrantLock() : null;
        this.budget = budget;
        for (int c = 0; c < MidHeader.POOL_CLASSES; c++) {
            slots[TOPS + c] = base(c);
            slots[BASE[c + 1] - 1] = FULL;
        }
    }

    /** 8 to 256 blocks of a plain class, about {@link #CLASS_BYTES} of them; 4 to 64 of an aligned one, a quarter. */
    static int capacity(int sizeClass) {
        long block = MidHeader.blockSize(sizeClass);
        return sizeClass < MidHeader.CLASSES ? (int) Math.clamp(CLASS_BYTES / block, 8, 256)
                : (int) Math.clamp(CLASS_BYTES / 4 / block, 4, 64);
    }

    /** The most recently cached block of {@code sizeClass}, or 0. */
    long pop(int sizeClass) {
        long[] slots = this.slots;
        int top = (int) slots[TOPS + sizeClass];
        long address = slots[top - 1];
        if (address == EMPTY) {
            return 0;
        }
        slots[TOPS + sizeClass] = top - 1;
        slots[BYTES] -= BLOCK[sizeClass];
        return address;
    }

    /** Caches a free block; false when the class is full or the budget spent (the pool then makes room). */
    boolean push(long address, int sizeClass) {
        long[] slots = this.slots;
        int top = (int) slots[TOPS + sizeClass];
        long bytes = slots[BYTES] + BLOCK[sizeClass];
        if (slots[top] == FULL || bytes > budget) {
            return false;
        }
        slots[top] = address;
        slots[TOPS + sizeClass] = top + 1;
        slots[BYTES] = bytes;
        return true;
    }

    /** Whether one more block of the class fits: in its stack and in the budget. */
    boolean hasRoom(int sizeClass) {
        return slots[(int) slots[TOPS + sizeClass]] != FULL && slots[BYTES] + BLOCK[sizeClass] <= budget;
    }

    /** The class whose blocks take the most bytes here (0 when the cache is empty). */
    int biggestClass() {
        int biggest = 0;
        long bytes = 0;
        for (int c = 0; c < MidHeader.POOL_CLASSES; c++) {
            long held = count(c) * BLOCK[c];
            if (held > bytes) {
                bytes = held;
                biggest = c;
            }
        }
        return biggest;
    }

    /** How many blocks a refill may bring: half the class's room, within what the budget has left (at least 1). */
    int refillCount(int sizeClass) {
        long block = BLOCK[sizeClass];
        long room = Math.max(0, budget - slots[BYTES]) / block;
        return (int) Math.max(1, Math.min(capacity(sizeClass) / 2, room));
    }

    /** The array of every class's stack; the stack of a class starts at {@link #base} with its oldest block. */
    long[] slots() {
        return slots;
    }

    /** Where the stack of {@code sizeClass} starts in {@link #slots}: its oldest block. */
    static int base(int sizeClass) {
        return BASE[sizeClass] + 1;
    }

    int count(int sizeClass) {
        return (int) slots[TOPS + sizeClass] - base(sizeClass);
    }

    /** Records that {@code added} blocks were written above the top (positive) or the oldest removed (negative). */
    void adjust(int sizeClass, int added) {
        slots[TOPS + sizeClass] += added;
        slots[BYTES] += added * BLOCK[sizeClass];
    }

    /** Drops the oldest {@code count} blocks of a class (already handed back): the newer slide down. */
    void dropOldest(int sizeClass, int count) {
        int base = base(sizeClass);
        System.arraycopy(slots, base + count, slots, base, count(sizeClass) - count);
        adjust(sizeClass, -count);
    }

    /** Bytes of blocks held, headers included. */
    long cachedBytes() {
        return slots[BYTES];
    }

    /** Usable bytes of the blocks held: out of the spans, but not live. */
    long cachedUsableBytes() {
        long bytes = 0;
        for (int c = 0; c < MidHeader.POOL_CLASSES; c++) {
            bytes += count(c) * MidHeader.usableSize(c);
        }
        return bytes;
    }
}
