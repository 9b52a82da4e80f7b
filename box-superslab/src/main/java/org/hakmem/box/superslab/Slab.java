package org.hakmem.box.superslab;

import java.util.concurrent.atomic.AtomicReference;
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

    final SuperSlab home;
    final long base;

    int sizeClass = -1;
    int blockShift;
    int capacity;
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
    /** Frees from other threads: a lock-free stack of batches of block indexes; any thread pushes, the owner takes. */
    private final AtomicReference<RemoteBatch> remote = new AtomicReference<>();

    Slab(SuperSlab home, long base) {
        this.home = home;
        this.base = base;
    }

    /** Prepares an empty slab for {@code sizeClass}. Called under the pool lock, before any owner sees it. */
    void carve(int sizeClass) {
        this.sizeClass = sizeClass;
        this.blockShift = 3 + sizeClass;
        this.capacity = (int) (SIZE >>> blockShift);
        this.localFree = 0;
        this.bump = 0;
        this.used = 0;
        this.partial = false;
        this.remote.set(null);
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

    /** Frees from another thread of blocks already claimed, as one batch: any thread may call it. */
    void pushRemote(RemoteBatch batch) {
        RemoteBatch head;
        do {
            head = remote.get();
            batch.next = head;
        } while (!remote.compareAndSet(head, batch));
    }

    /** Moves the remote frees onto the local list; returns how many there were. Owner only. */
    int drainRemote() {
        int drained = 0;
        for (RemoteBatch batch = remote.getAndSet(null); batch != null; batch = batch.next) {
            for (int index : batch.indexes) {
                NativeMemory.putLong(header(index), link(localFree));
                localFree = index + 1;
            }
            drained += batch.indexes.length;
        }
        used -= drained;
        return drained;
    }

    boolean hasRemote() {
        return remote.get() != null;
    }

    boolean hasFree() {
        return localFree != 0 || bump < capacity || hasRemote();
    }

    /** A free header pointing at the next free block ({@code next} = index + 1, 0 for none). */
    private long link(int next) {
        return TinyHeader.free(sizeClass) | ((long) next << 8);
    }
}
