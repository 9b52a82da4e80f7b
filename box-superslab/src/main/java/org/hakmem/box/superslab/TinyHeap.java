package org.hakmem.box.superslab;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread's tiny cache: its current slab per class and the partial slabs it owns. Its fast paths take no lock:
 * only its thread touches it (a heap shared by virtual threads is used under {@link #sharedLock}). It never frees a
 * block of a slab it does not own; other threads' frees reach its slabs through their remote lists.
 */
final class TinyHeap {

    /**
     * Weak, because a thread's ThreadLocal keeps its heap as long as the thread lives: a strong reference would keep
     * a closed and forgotten allocator's whole pool with it. While the allocator is in use, its pipeline holds the pool.
     */
    private final WeakReference<SuperSlabPool> pool;
    private final int drainInterval;
    /** Non-null for the few heaps virtual threads share. */
    final ReentrantLock sharedLock;
    private final Slab[] current = new Slab[TinyClasses.COUNT];
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Slab>[] partial = new ArrayDeque[TinyClasses.COUNT];
    final List<Slab> owned = new ArrayList<>();
    private int freesUntilDrain;

    /** Plain counters, written by the owning thread only and summed in snapshots. */
    long allocatedBytes;
    long freedBytes;
    long localFrees;

    TinyHeap(SuperSlabPool pool, int drainInterval, boolean shared) {
        this.pool = new WeakReference<>(pool);
        this.drainInterval = drainInterval;
        this.sharedLock = shared ? new ReentrantLock() : null;
        this.freesUntilDrain = drainInterval;
        for (int c = 0; c < TinyClasses.COUNT; c++) {
            partial[c] = new ArrayDeque<>();
        }
    }

    /** The fast path: pop from the current slab of the class. */
    long allocate(int sizeClass) {
        Slab slab = current[sizeClass];
        long address = slab == null ? 0 : slab.pop();
        if (address == 0) {
            address = refill(sizeClass);
        }
        allocatedBytes += TinyClasses.usableSize(sizeClass);
        return address;
    }

    /** A free of a block in a slab this heap owns. Returns false when the block was not live (a double free). */
    boolean freeLocal(Slab slab, int index) {
        if (!slab.pushLocal(index)) {
            return false;
        }
        freedBytes += TinyClasses.usableSize(slab.sizeClass);
        localFrees++;
        if (slab != current[slab.sizeClass]) {
            settle(slab);
        }
        if (--freesUntilDrain == 0) {
            drainOwned();
        }
        return true;
    }

    /** The current slab ran dry: collect remote frees, then a partial slab, then a slab from the pool. */
    private long refill(int sizeClass) {
        Slab slab = current[sizeClass];
        if (slab != null && slab.drainRemote() > 0) {
            return slab.pop();
        }
        drainOwned();
        Slab next;
        while ((next = partial[sizeClass].poll()) != null) {
            next.partial = false;
            next.drainRemote();
            if (next.hasFree()) {
                break;
            }
        }
        while (next == null) {
            // An adopted orphan may be full: it stays owned (its remote frees come back here) and the search goes on.
            Slab candidate = pool().acquire(this, sizeClass);
            owned.add(candidate);
            candidate.drainRemote();
            if (candidate.hasFree()) {
                next = candidate;
            }
        }
        current[sizeClass] = next;
        long address = next.pop();
        if (address == 0) {
            throw new IllegalStateException("a slab handed out for refill had no free block");
        }
        return address;
    }

    /** A non-current slab that got blocks back: empty ones return to the pool, others wait on the partial list. */
    private void settle(Slab slab) {
        if (slab.used == 0) {
            if (slab.partial) {
                partial[slab.sizeClass].remove(slab);
                slab.partial = false;
            }
            owned.remove(slab);
            pool().releaseEmpty(slab);
        } else if (!slab.partial) {
            slab.partial = true;
            partial[slab.sizeClass].add(slab);
        }
    }

    /** Every drain interval: collect the remote frees of all owned slabs, so idle slabs can empty and go back. */
    private void drainOwned() {
        freesUntilDrain = drainInterval;
        for (int i = owned.size() - 1; i >= 0; i--) {
            Slab slab = owned.get(i);
            if (slab != current[slab.sizeClass] && slab.remoteHead.get() != 0) {
                slab.drainRemote();
                settle(slab);
            }
        }
    }

    private SuperSlabPool pool() {
        SuperSlabPool owner = pool.get();
        if (owner == null) {
            throw new IllegalStateException("the allocator of this tiny heap is gone");
        }
        return owner;
    }

    /** Detaches every slab from this heap, for a thread that died or a pool that closes. Pool lock held. */
    List<Slab> detachAll() {
        List<Slab> slabs = new ArrayList<>(owned);
        owned.clear();
        for (int c = 0; c < TinyClasses.COUNT; c++) {
            current[c] = null;
            partial[c].clear();
        }
        for (Slab slab : slabs) {
            slab.partial = false;
        }
        return slabs;
    }
}
