package org.hakmem.box.superslab;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.spi.ThreadHeaps;
import org.hakmem.api.spi.TinyCache;
import org.hakmem.api.spi.TinyFront;
import org.hakmem.api.spi.TinyHeader;

/**
 * A thread's tiny cache: the front caches (UltraHot, HeapV2), then its thread-local free lists, then its current
 * slab per class and the partial slabs it owns. Its fast paths take no lock: only its thread touches it (a heap
 * shared by virtual threads is used under {@link #sharedLock}). It never links a block into a slab it does not own;
 * other threads' frees reach its slabs through their remote lists.
 */
final class TinyHeap extends ThreadHeaps.Heap {

    /**
     * Bytes of blocks one class's thread-local free list may hold. With 16 KiB, a random mix of 16-1016 B over 256
     * slots sent one free in 44 to the slabs (and a malloc back); 64 KiB lists absorb that churn (JMH randomMixed
     * 1.05-1.12x, README) for at most 248 000 bytes per heap.
     */
    static final long SLL_BYTES = 64 * 1024;

    /**
     * Front misses (front-class operations no front could serve) within one drain window beyond which the fronts
     * stand aside: a class whose free count wanders beyond their few slots pays every front's test on every op for
     * nothing, and a mix of front and other classes makes the "front class?" branch itself a coin flip. A
     * log-uniform mix of 4-1016 B took 29 ns a free + malloc with the fronts always asked and 12.7 ns with them
     * standing aside; 8 or 128 here changed that by less than the noise (README).
     */
    static final int FRONT_MISS_LIMIT = 32;
    /** The longest a bypass lasts, in drain windows: how soon fronts come back once a workload turns hot again. */
    static final int MAX_BYPASS_WINDOWS = 64;

    /** Where {@link #lists} keeps the frees onto the lists left until a drain falls due: first after the pad. */
    private static final int FREES_UNTIL_DRAIN = ThreadHeaps.PAD_LONGS;
    /** Where class c's top is in {@link #lists}: entry TOPS + c. */
    private static final int TOPS = FREES_UNTIL_DRAIN + 1;
    /**
     * Where each class's free list lies in {@link #lists}, after the tops of all classes: an {@link #EMPTY} mark, room
     * for {@link #sllCapacity} blocks, a {@link #FULL} mark. The last entry is where the trailing pad starts.
     */
    private static final int[] LIST_BASE = new int[TinyHeader.CLASSES + 1];
    /** Left of a class's first block: a pop that reads it found the list empty. No block lies at address 0. */
    private static final long EMPTY = 0;
    /** Right of a class's last slot: a push that reads it found the list full. No block lies at address -1. */
    private static final long FULL = -1;

    static {
        LIST_BASE[0] = TOPS + TinyHeader.CLASSES;
        for (int c = 0; c < TinyHeader.CLASSES; c++) {
            LIST_BASE[c + 1] = LIST_BASE[c] + sllCapacity(c) + 2;
        }
    }

    /** The cache of an absent front: never holds anything. */
    static final TinyCache NO_CACHE = new TinyCache() {
        @Override
        public int classes() {
            return 0;
        }

        @Override
        public long pop(int sizeClass) {
            return 0;
        }

        @Override
        public boolean push(long address, int sizeClass) {
            return false;
        }

        @Override
        public int refillCount(int sizeClass) {
            return 0;
        }

        @Override
        public void refilled(int sizeClass) {
        }

        @Override
        public long cachedBytes() {
            return 0;
        }

        @Override
        public void retire(BlockSink sink) {
        }
    };

    /**
     * Weak, because a thread may keep its heap as long as it lives (in the overflow ThreadLocal of a process with many
     * threads): a strong reference would keep a closed and forgotten allocator's whole pool with it. While the
     * allocator is in use, its pipeline holds the pool.
     */
    private final WeakReference<SuperSlabPool> pool;
    private final int drainInterval;
    /** Non-null for the few heaps virtual threads share. */
    final ReentrantLock sharedLock;
    /** The outer front (UltraHot) and the inner one (HeapV2), or {@link #NO_CACHE}; a lone front is the inner one. */
    private final TinyCache outer;
    private final TinyCache inner;
    /** Whether {@link #inner} takes frees only after the slab owner declined them (HeapV2 Leftover mode). */
    private final boolean innerLeftover;
    /**
     * The classes either front may hold, bit c for class c: the others skip both with one test (a random 100/400 B
     * mix, which no front serves, 1.09x faster per free and malloc; README).
     */
    private final int frontClasses;
    /**
     * The classes the fronts are asked for now: {@link #frontClasses}, or none while they stand aside (see
     * {@link #frontWindowEnds}).
     */
    private int frontMask;
    /** Front-class operations in the current window that no front could serve (they went on to the free lists). */
    private int frontMisses;
    /** Windows left before the fronts are asked again; 0 while they are on. */
    private int bypassWindows;
    /** How many windows the next bypass lasts: doubles each time the fronts fail again, back to 1 once they pass. */
    private int bypassLength = 1;
    /** Times the fronts stood aside (stats). */
    long frontBypasses;
    private final Slab[] current = new Slab[TinyHeader.CLASSES];
    /**
     * One emptied slab per class kept back from the pool: a workset that hovers at a slab's worth of blocks would
     * otherwise hand a slab back and take it again on every other operation.
     */
    private final Slab[] spare = new Slab[TinyHeader.CLASSES];
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Slab>[] partial = new ArrayDeque[TinyHeader.CLASSES];
    final List<Slab> owned = new ArrayList<>();
    /**
     * The thread-local free lists (the C design's TLS SLL): freed blocks of any slab, by class, most recent last.
     * Stacks of addresses on the Java heap, never linked through the blocks, so a write after free cannot steer the
     * allocator to memory it does not own. Each holds at most {@link #SLL_BYTES} of blocks (64 to 256 of them). All
     * of them lie in this one array: after a pad ({@link ThreadHeaps#PAD_LONGS}) and the count of frees left until a
     * drain, entry TOPS + c is where class c's next free block goes (its top), then the lists one after the other
     * ({@link #LIST_BASE}), each between its {@link #EMPTY} and {@link #FULL} marks, and a pad again. So a pop or a
     * push loads the top and the entry beside it, and no table per class (randomMixed 1.05x side by side, README);
     * and what a free onto the lists writes lies between the pads, on no cache line another object shares.
     */
    private final long[] lists = new long[LIST_BASE[TinyHeader.CLASSES] + ThreadHeaps.PAD_LONGS];
    /** Remote frees of the give-back run under way, by slab; empty between runs. */
    private final RemoteGroups remoteOut = new RemoteGroups();
    /**
     * Set every {@code drainInterval} frees onto the free lists; the drain itself runs at the heap's next slow step (a
     * free list found full, a current slab run dry), never on the fast path: the JIT keeps nothing in registers across
     * a call, so a drain called from the free path, however rarely, slowed every free and malloc around it (JMH
     * tinyHot 63.3 to 79.9 ops/us with the flag, README). The fronts' hits never counted towards it; a heap whose
     * lists neither overflow nor need a slab has nothing the drain would give back but blocks it is reusing.
     */
    private boolean drainDue;

    /**
     * Plain counters, written by the owning thread only and summed in snapshots: bytes out of and back into slabs (a
     * block handed to another heap's slab counts here, as this heap's remote free). No atomic counter on the remote
     * path: two LongAdders there made producerConsumer 1.22x slower.
     */
    long allocatedBytes;
    long freedBytes;
    long localFrees;
    long remoteFrees;
    /** The frees onto the free lists of the drain intervals that ended; {@link #sllFrees()} adds the current one's. */
    private long sllFreesCounted;

    TinyHeap(SuperSlabPool pool, int drainInterval, boolean shared, List<TinyFront> fronts) {
        this.pool = new WeakReference<>(pool);
        this.drainInterval = drainInterval;
        this.sharedLock = shared ? new ReentrantLock() : null;
        lists[FREES_UNTIL_DRAIN] = drainInterval;
        this.outer = fronts.size() > 1 ? fronts.get(0).newCache() : NO_CACHE;
        TinyFront innerFront = fronts.isEmpty() ? null : fronts.get(fronts.size() - 1);
        this.inner = innerFront == null ? NO_CACHE : innerFront.newCache();
        this.innerLeftover = innerFront != null && innerFront.supply() == TinyFront.Supply.LEFTOVER;
        this.frontClasses = outer.classes() | inner.classes();
        this.frontMask = frontClasses;
        for (int c = 0; c < TinyHeader.CLASSES; c++) {
            partial[c] = new ArrayDeque<>();
            lists[TOPS + c] = LIST_BASE[c] + 1;
            lists[LIST_BASE[c + 1] - 1] = FULL;
        }
    }

    static int sllCapacity(int sizeClass) {
        return (int) Math.clamp(SLL_BYTES / TinyHeader.blockSize(sizeClass), 16, 256);
    }

    /** The fast path: a front's cached block, else the class's free list, else a block of the current slab. */
    long allocate(int sizeClass) {
        long address;
        if ((frontMask >>> sizeClass & 1) != 0) {
            address = outer.pop(sizeClass);
            if (address == 0) {
                address = inner.pop(sizeClass);
            }
            if (address != 0) {
                TinyHeader.markLive(address, sizeClass);
                return address;
            }
            frontMissed();
        }
        long[] lists = this.lists;
        int top = (int) lists[TOPS + sizeClass];
        address = lists[top - 1];
        if (address != EMPTY) {
            lists[TOPS + sizeClass] = top - 1;
            TinyHeader.markLive(address, sizeClass);
            return address;
        }
        address = fromSlab(sizeClass);
        int refill = inner.refillCount(sizeClass);
        if (refill > 0 && (frontMask >>> sizeClass & 1) != 0) {
            refill(sizeClass, refill);
        }
        return address;
    }

    /**
     * A block the caller has just {@link TinyHeader#claim claimed}: the fronts first, then the thread-local free
     * list. In Leftover mode the inner front takes only blocks of slabs this heap does not own.
     */
    void free(long address, int sizeClass) {
        if ((frontMask >>> sizeClass & 1) != 0) {
            if (outer.push(address, sizeClass) || (!innerLeftover && inner.push(address, sizeClass))) {
                return;
            }
            if (innerLeftover && pool().slabHolding(address, sizeClass).owner != this
                    && inner.push(address, sizeClass)) {
                return;
            }
            frontMissed();
        }
        long[] lists = this.lists;
        int top = (int) lists[TOPS + sizeClass];
        if (lists[top] == FULL) {
            // A due drain halves this list with the others; else only this one is halved.
            if (drainDue) {
                drainInterval();
            } else {
                drainList(sizeClass, listed(sizeClass) / 2);
            }
            top = (int) lists[TOPS + sizeClass];
        }
        lists[top] = address;
        lists[TOPS + sizeClass] = top + 1;
        if (--lists[FREES_UNTIL_DRAIN] == 0) {
            // Only noted: the drain runs at the next slow step (see drainDue).
            restartDrainCount();
            drainDue = true;
        }
    }

    /**
     * A drain interval ended (at most {@code drainInterval} frees onto the free lists), and the fronts' window with
     * it. Fronts pay only while their classes' stream stays within their few slots; when front-class operations kept
     * missing them (a random walk of a class's free count, a mix of classes), each op paid both fronts' tests for
     * nothing, so they stand aside for a while ({@link #frontMissed}) and are asked again after it. Their blocks stay
     * where they are, within the bound they always had.
     */
    private void frontWindowEnds() {
        frontMisses = 0;
        if (frontMask != 0) {
            bypassLength = 1; // the fronts served a whole window: a next bypass starts short again
        } else if (bypassWindows > 0 && --bypassWindows == 0) {
            frontMask = frontClasses;
        }
    }

    /** A front-class operation no front could serve: past the window's limit, the fronts stand aside. */
    private void frontMissed() {
        if (++frontMisses > FRONT_MISS_LIMIT) {
            frontMask = 0;
            frontMisses = 0;
            bypassWindows = bypassLength;
            bypassLength = Math.min(bypassLength * 2, MAX_BYPASS_WINDOWS);
            frontBypasses++;
        }
    }

    /** The oldest {@code count} blocks of a class's free list go back to their slabs; the newer ones stay. */
    private void drainList(int sizeClass, int count) {
        int first = LIST_BASE[sizeClass] + 1;
        for (int i = 0; i < count; i++) {
            collect(lists[first + i], sizeClass);
        }
        remoteOut.flush();
        int left = listed(sizeClass) - count;
        System.arraycopy(lists, first + count, lists, first, left);
        lists[TOPS + sizeClass] = first + left;
    }

    /** How many blocks the class's free list holds. */
    private int listed(int sizeClass) {
        return (int) lists[TOPS + sizeClass] - LIST_BASE[sizeClass] - 1;
    }

    /** Frees onto the free lists so far (the C design's TLS SLL count): the counted ones and the current interval's. */
    long sllFrees() {
        return sllFreesCounted + (drainInterval - lists[FREES_UNTIL_DRAIN]);
    }

    /** A new drain interval starts: the frees of the one that ends are counted first, and the fronts' window ends. */
    private void restartDrainCount() {
        sllFreesCounted += drainInterval - lists[FREES_UNTIL_DRAIN];
        lists[FREES_UNTIL_DRAIN] = drainInterval;
        frontWindowEnds();
    }

    /**
     * The due drain: the older half of each free list goes back to the slabs, and the remote frees of all owned slabs
     * are collected, so that idle slabs can empty and go back to the pool.
     */
    private void drainInterval() {
        drainDue = false;
        for (int c = 0; c < TinyHeader.CLASSES; c++) {
            drainList(c, (listed(c) + 1) / 2);
        }
        drainOwned();
    }

    /** Bytes the fronts and the free lists hold: out of the slabs, but not live. */
    long cachedBytes() {
        long bytes = outer.cachedBytes() + inner.cachedBytes();
        for (int c = 0; c < TinyHeader.CLASSES; c++) {
            bytes += listed(c) * TinyHeader.usableSize(c);
        }
        return bytes;
    }

    private long fromSlab(int sizeClass) {
        Slab slab = current[sizeClass];
        long address = slab == null ? 0 : slab.pop();
        if (address == 0) {
            address = refillSlab(sizeClass);
        }
        allocatedBytes += TinyHeader.usableSize(sizeClass);
        return address;
    }

    /** HeapV2 asked for a batch: blocks go from the slab into the magazine, marked free on the way. */
    private void refill(int sizeClass, int count) {
        for (int i = 0; i < count; i++) {
            long block;
            try {
                block = fromSlab(sizeClass);
            } catch (NativeOutOfMemoryError full) {
                break; // a refill is a bonus: the block the caller already has must not be lost to it
            }
            TinyHeader.markFree(block, sizeClass);
            if (!inner.push(block, sizeClass)) {
                giveBack(block, sizeClass);
                break;
            }
        }
        inner.refilled(sizeClass);
    }

    /**
     * A free (already claimed) block back to its slab, past the fronts: locally when this heap owns it, else onto the
     * slab's remote list for its owner (or for the heap that adopts an orphaned slab).
     */
    void giveBack(long address, int sizeClass) {
        collect(address, sizeClass);
        remoteOut.flush();
    }

    /** {@link #giveBack} without the flush, for a run of blocks: the caller flushes {@link #remoteOut} once. */
    private void collect(long address, int sizeClass) {
        Slab slab = pool().slabHolding(address, sizeClass);
        if (slab.owner == this) {
            freeLocal(slab, slab.indexOf(address));
        } else {
            remoteOut.add(slab, slab.indexOf(address));
            freedBytes += TinyHeader.usableSize(sizeClass);
            remoteFrees++;
        }
    }

    /** A free of a block in a slab this heap owns. */
    private void freeLocal(Slab slab, int index) {
        slab.pushLocal(index);
        freedBytes += TinyHeader.usableSize(slab.sizeClass);
        localFrees++;
        if (slab != current[slab.sizeClass]) {
            settle(slab);
        }
    }

    /**
     * The current slab ran dry: a due drain (and dead threads' heaps retired if the pool is out of slabs), remote
     * frees, then a partial slab, then a slab from the pool.
     */
    private long refillSlab(int sizeClass) {
        if (drainDue) {
            drainInterval();
        }
        pool().reapBeforeMapping();
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
        if (next == null && spare[sizeClass] != null) {
            next = spare[sizeClass];
            spare[sizeClass] = null;
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

    /**
     * A non-current slab that got blocks back: an empty one becomes the class's spare, or returns to the pool when
     * there is one already; others wait on the partial list.
     */
    private void settle(Slab slab) {
        if (slab.used == 0) {
            if (slab.partial) {
                partial[slab.sizeClass].remove(slab);
                slab.partial = false;
            }
            if (spare[slab.sizeClass] == null) {
                spare[slab.sizeClass] = slab;
                return;
            }
            owned.remove(slab);
            pool().releaseEmpty(slab);
        } else if (!slab.partial) {
            slab.partial = true;
            partial[slab.sizeClass].add(slab);
        }
    }

    /** At a due drain and when a slab runs dry: collect the remote frees of owned slabs, so idle slabs can empty. */
    private void drainOwned() {
        restartDrainCount();
        for (int i = owned.size() - 1; i >= 0; i--) {
            Slab slab = owned.get(i);
            if (slab != current[slab.sizeClass] && slab.hasRemote()) {
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

    /**
     * The heap's thread died: the fronts give their blocks back to the slabs, then every slab is detached (the pool
     * lock is held). Nobody else uses the heap any more, so its owner-only state is safe to touch here.
     */
    List<Slab> retire() {
        outer.retire(this::giveBack);
        inner.retire(this::giveBack);
        for (int c = 0; c < TinyHeader.CLASSES; c++) {
            drainList(c, listed(c));
        }
        return detachAll();
    }

    /** Detaches every slab from this heap, for a thread that died or a pool that closes. Pool lock held. */
    List<Slab> detachAll() {
        List<Slab> slabs = new ArrayList<>(owned);
        owned.clear();
        for (int c = 0; c < TinyHeader.CLASSES; c++) {
            current[c] = null;
            spare[c] = null;
            lists[TOPS + c] = LIST_BASE[c] + 1;
            partial[c].clear();
        }
        for (Slab slab : slabs) {
            slab.partial = false;
        }
        return slabs;
    }
}
