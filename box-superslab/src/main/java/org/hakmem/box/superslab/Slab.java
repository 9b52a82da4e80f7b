package org.hakmem.box.superslab;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.TinyHeader;

/**
 * One 64 KiB slab of a SuperSlab, carved into blocks of one class. Its metadata lives here, on the Java heap; in
 * native memory only the blocks' headers, which also link the free blocks: a free header holds the index of the next
 * free block in bits 8..31. Fields without a note belong to the owning heap's thread.
 */
final class Slab {

    static final int SHIFT = 16;
    static final long SIZE = 1L << SHIFT;
    /** The remote bitmap's words, read and written atomically. */
    private static final VarHandle REMOTE = MethodHandles.arrayElementVarHandle(long[].class);
    /** Words of the remote bitmap: one bit for each block of the smallest class (8 bytes). */
    static final int REMOTE_WORDS = (int) (SIZE >>> 3) / Long.SIZE;

    final SuperSlab home;
    final long base;

    int sizeClass = -1;
    int blockShift;
    int capacity;
    /** The words of {@link #remote} this class's blocks use. */
    int remoteWords;
    /** The heap whose thread allocates from this slab; null while orphaned or unassigned. Read by freeing threads. */
    volatile TinyHeap owner;
    /** Head of the local free list: block index + 1, 0 when empty. */
    int localFree;
    /** The next never-used block. */
    int bump;
    /** Blocks handed out and not yet back on the local list (remote frees count once drained). */
    int used;
    /** Whether the owner's partial list holds this slab. */
    boolean partial;
    /**
     * Frees from other threads: one bit per block, set by any thread, taken by the owner. A bitmap, not a list of
     * batches, so a remote free allocates nothing on the Java heap: a thread's first Java allocation takes the JVM a
     * fresh TLAB, and larson's short-lived threads, each pushing a batch or two, filled eden with them (a young GC
     * every 0.2 s; README).
     */
    private final long[] remote = new long[REMOTE_WORDS];
    /**
     * Remote frees not yet drained: raised after their bits are set, so it never counts more than the bits there
     * (for a moment it may count fewer, even below zero): while it is above zero, a drain finds a block.
     */
    private final AtomicInteger remoteCount = new AtomicInteger();

    Slab(SuperSlab home, long base) {
        this.home = home;
        this.base = base;
    }

    /** Prepares an empty slab for {@code sizeClass}. Called under the pool lock, before any owner sees it. */
    void carve(int sizeClass) {
        this.sizeClass = sizeClass;
        this.blockShift = 3 + sizeClass;
        this.capacity = (int) (SIZE >>> blockShift);
        this.remoteWords = (capacity + Long.SIZE - 1) / Long.SIZE;
        this.localFree = 0;
        this.bump = 0;
        this.used = 0;
        this.partial = false;
        for (int word = 0; word < REMOTE_WORDS; word++) {
            REMOTE.setVolatile(remote, word, 0L);
        }
        remoteCount.set(0);
    }

    long header(int index) {
        return base + ((long) index << blockShift);
    }

    /**
     * The block index of user address {@code address}, or -1 if it is not the start of a block ever handed out.
     * {@code bump} only grows while the slab keeps its class, and a racy read of it errs towards -1.
     */
    int indexOf(long address) {
        long offset = address - TinyHeader.SIZE - base;
        if (offset < 0 || offset >= SIZE || (offset & ((1L << blockShift) - 1)) != 0) {
            return -1;
        }
        int index = (int) (offset >>> blockShift);
        return index < bump ? index : -1;
    }

    /** Pops a block off the local list or the never-used tail; 0 when neither has one. */
    long pop() {
        int head = localFree;
        if (head != 0) {
            long header = header(head - 1);
            localFree = (int) (NativeMemory.getLong(header) >>> 8) & 0xFF_FFFF;
            NativeMemory.putLong(header, TinyHeader.live(sizeClass));
            used++;
            return header + TinyHeader.SIZE;
        }
        if (bump < capacity) {
            long header = header(bump++);
            NativeMemory.putLong(header, TinyHeader.live(sizeClass));
            used++;
            return header + TinyHeader.SIZE;
        }
        return 0;
    }

    /** A local free of a block already {@link TinyHeader#claim claimed}: links it to the local list. Owner only. */
    void pushLocal(int index) {
        NativeMemory.putLong(header(index), link(localFree));
        localFree = index + 1;
        used--;
    }

    /**
     * Frees from another thread of {@code count} blocks already claimed, given as a bitmap by block index (one atomic
     * OR per word that has any): any thread may call it. Clears {@code bits} for the caller's next batch.
     */
    void pushRemote(long[] bits, int count) {
        for (int word = 0; word < remoteWords; word++) {
            if (bits[word] != 0) {
                REMOTE.getAndBitwiseOr(remote, word, bits[word]);
                bits[word] = 0;
            }
        }
        remoteCount.addAndGet(count);
    }

    /** Moves the remote frees onto the local list; returns how many there were. Owner only. */
    int drainRemote() {
        if (remoteCount.get() <= 0) {
            return 0; // bits being set right now are counted after: the next drain takes them
        }
        int drained = 0;
        for (int word = 0; word < remoteWords; word++) {
            long bits = (long) REMOTE.getVolatile(remote, word) == 0 ? 0 : (long) REMOTE.getAndSet(remote, word, 0L);
            for (; bits != 0; bits &= bits - 1) {
                int index = word * Long.SIZE + Long.numberOfTrailingZeros(bits);
                NativeMemory.putLong(header(index), link(localFree));
                localFree = index + 1;
                drained++;
            }
        }
        remoteCount.addAndGet(-drained);
        used -= drained;
        return drained;
    }

    boolean hasRemote() {
        return remoteCount.get() > 0;
    }

    boolean hasFree() {
        return localFree != 0 || bump < capacity || hasRemote();
    }

    /** A free header pointing at the next free block ({@code next} = index + 1, 0 for none). */
    private long link(int next) {
        return TinyHeader.free(sizeClass) | ((long) next << 8);
    }
}
