package org.hakmem.box.superslab;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToLongFunction;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.AlignedMapping;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Counters;
import org.hakmem.api.spi.PlainFlag;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.HeapSeats;
import org.hakmem.api.spi.ThreadHeaps;
import org.hakmem.api.spi.TinyFront;
import org.hakmem.api.spi.TinyHeader;
import org.hakmem.api.spi.TinyPool;

/**
 * The tiny pool: routes each call to the calling thread's heap, and owns the shared state behind the heaps' slow
 * paths (SuperSlabs, free slabs, slabs orphaned by dead threads) under one lock. Platform threads get a heap each,
 * adopted by a new thread when its thread dies, or reclaimed before another SuperSlab is mapped; virtual threads share a few ({@link ThreadHeaps} binds them), so a million of them
 * still make only that many caches. Never unmaps: empty SuperSlabs go to Batch.
 */
final class SuperSlabPool extends HeapSeats<TinyHeap> implements TinyPool {

    /** {@link #closed}, read plainly by every call's check ({@link PlainFlag} says why). */
    private static final VarHandle CLOSED = PlainFlag.of(MethodHandles.lookup(), "closed");

    private final OsLayer os;
    /** HAKMEM_THP: the huge page size SuperSlabs are advised to use, or 0. */
    private final long hugePageSize;
    private final Batch batch;
    private final RegionTable regions;
    private final int drainInterval;
    /** Which heap serves the calling thread: one per platform thread, a few shared by virtual threads. */
    private final ThreadHeaps<TinyHeap> heaps;
    private final List<TinyFront> fronts;
    /** HAKMEM_TINY_STRICT_FREE: claim by compare-and-set (racing frees of one block: exactly one wins). */
    private final boolean strictFree;

    /** By region id; read without a lock on every free, written under {@link #lock}. */
    private final AtomicReferenceArray<SuperSlab> byId;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<SuperSlab> withFreeSlabs = new ArrayDeque<>();
    /** Guarded by {@link #lock}: slabs whose thread died, per class, waiting for a heap to adopt them. */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Slab>[] orphans = new ArrayDeque[TinyHeader.CLASSES];
    /** Guarded by {@link #lock}: the totals of retired heaps (the live ones are summed on demand). */
    private long retiredAllocated;
    private long retiredFreed;
    private long retiredLocalFrees;
    private long retiredRemoteFrees;
    private long retiredSllFrees;
    private long retiredFrontBypasses;
    private long mappedSuperSlabs;
    /**
     * Whether every mapped SuperSlab's slabs are out, so the next slab not orphaned takes a new mapping: written under
     * {@link #lock}, read without it by {@link #reapBeforeMapping}.
     */
    private volatile boolean full = true;
    /** Written under {@link #lock}; read without it on every call, so a closed pool never touches unmapped lines. */
    private volatile boolean closed;

    SuperSlabPool(BoxContext context, int drainInterval, int sharedHeaps, int maxSuperSlabs, boolean strictFree) {
        this.strictFree = strictFree;
        this.byId = new AtomicReferenceArray<>(maxSuperSlabs);
        this.os = context.os();
        this.hugePageSize = context.hugePageSize();
        this.batch = context.batch();
        this.regions = context.regions();
        this.drainInterval = drainInterval;
        this.fronts = List.copyOf(context.tinyFronts());
        if (fronts.size() > 2) {
            throw new IllegalArgumentException("the tiny pool takes at most two fronts, got " + fronts.size());
        }
        for (int c = 0; c < TinyHeader.CLASSES; c++) {
            orphans[c] = new ArrayDeque<>();
        }
        this.heaps = new ThreadHeaps<>(lock, sharedHeaps, new ThreadHeaps.Lifecycle<>() {
            @Override
            public TinyHeap create(boolean shared) {
                return new TinyHeap(SuperSlabPool.this, drainInterval, shared, fronts);
            }

            @Override
            public void retire(TinyHeap heap) {
                orphan(heap);
            }

            @Override
            public void seatChanged(int seat, ThreadHeaps.Heap heap) {
                seat(seat, heap);
            }
        });
        Counters counters = context.counters();
        counters.gauge("ss_remote", () -> {
            synchronized (lock) {
                return sumHeaps(h -> h.remoteFrees) + retiredRemoteFrees;
            }
        });
        counters.gauge("tls_sll", () -> {
            synchronized (lock) {
                return sumHeaps(TinyHeap::sllFrees) + retiredSllFrees;
            }
        });
        counters.gauge("ss_local", () -> {
            synchronized (lock) {
                return sumHeaps(h -> h.localFrees) + retiredLocalFrees;
            }
        });
        counters.gauge("front_bypasses", () -> {
            synchronized (lock) {
                return sumHeaps(h -> h.frontBypasses) + retiredFrontBypasses;
            }
        });
        counters.gauge("superslabs", () -> {
            synchronized (lock) {
                return mappedSuperSlabs;
            }
        });
        counters.gauge("cached_bytes", () -> {
            synchronized (lock) {
                // After close the fronts' memory is gone (UltraHot's lines are unmapped): nothing is cached.
                return closed ? 0 : sumHeaps(TinyHeap::cachedBytes);
            }
        });
        counters.gauge("heaps_adopted", () -> {
            synchronized (lock) {
                return heaps.adopted();
            }
        });
        counters.gauge("heaps", () -> {
            synchronized (lock) {
                long[] count = {0};
                heaps.forEach(heap -> count[0]++);
                return count[0];
            }
        });
    }

    @Override
    public long maxSize() {
        return TinyHeader.MAX_SIZE;
    }

    @Override
    public long allocate(long size) {
        ensureOpen();
        int sizeClass = TinyHeader.classOf(size);
        TinyHeap heap = own(heaps);
        return heap != null ? heap.allocate(sizeClass) : allocateLocked(sizeClass);
    }

    /** Off the fast path: a heap virtual threads share (under its lock), or a platform thread's first call. */
    private long allocateLocked(int sizeClass) {
        TinyHeap heap = heaps.heap();
        if (heap.sharedLock == null) {
            return heap.allocate(sizeClass);
        }
        heap.sharedLock.lock();
        try {
            return heap.allocate(sizeClass);
        } finally {
            heap.sharedLock.unlock();
        }
    }

    @Override
    public void free(long address, int sizeClass) {
        ensureOpen();
        if (!(strictFree ? TinyHeader.claim(address, sizeClass) : TinyHeader.claimUnshared(address, sizeClass))) {
            throw refuse(address, "free");
        }
        TinyHeap heap = own(heaps);
        if (heap != null) {
            heap.free(address, sizeClass);
            return;
        }
        freeLocked(address, sizeClass);
    }

    /** Off the fast path: a heap virtual threads share (under its lock), or a platform thread's first call. */
    private void freeLocked(long address, int sizeClass) {
        TinyHeap heap = heaps.heap();
        if (heap.sharedLock == null) {
            heap.free(address, sizeClass);
            return;
        }
        heap.sharedLock.lock();
        try {
            heap.free(address, sizeClass);
        } finally {
            heap.sharedLock.unlock();
        }
    }

    private void ensureOpen() {
        if ((boolean) CLOSED.get(this)) {
            throw new IllegalStateException("the tiny pool is closed");
        }
    }

    /** The slab holding the claimed block at {@code address}; refuses an address that is not a block's start. */
    Slab slabHolding(long address, int sizeClass) {
        Slab slab = slabOf(address);
        if (slab == null || slab.sizeClass != sizeClass || slab.indexOf(address) < 0) {
            throw new InvalidAddressException(address, InvalidAddressException.Reason.INTERIOR_POINTER, "free(0x"
                    + Long.toHexString(address) + "): the address lies in a hakmem SuperSlab but is not the start of"
                    + " a block; nothing was freed");
        }
        return slab;
    }

    @Override
    public InvalidAddressException refuse(long address, String operation) {
        Slab slab = slabOf(address);
        int index = slab == null || slab.sizeClass < 0 ? -1 : slab.indexOf(address);
        String prefix = operation + "(0x" + Long.toHexString(address) + "): ";
        if (index < 0) {
            String within = "";
            Slab around = slabAt(address); // the block whose bytes, header included, the address points into
            if (around != null && around.sizeClass >= 0) {
                long block = around.header((int) ((address - around.base) >>> around.blockShift)) + TinyHeader.SIZE;
                within = ": it lies " + (address - block) + " bytes from the start of the tiny block 0x"
                        + Long.toHexString(block) + " (" + TinyHeader.usableSize(around.sizeClass)
                        + " bytes); pass the block's start address";
            }
            return new InvalidAddressException(address, InvalidAddressException.Reason.INTERIOR_POINTER, prefix
                    + "interior pointer into a hakmem SuperSlab" + within + "; nothing was freed");
        }
        long header = NativeMemory.getLongVolatile(slab.header(index));
        if (TinyHeader.isFree(header)) {
            return new InvalidAddressException(address, InvalidAddressException.Reason.DOUBLE_FREE, prefix
                    + "double free: the tiny block is already free");
        }
        return new InvalidAddressException(address, InvalidAddressException.Reason.CORRUPT_HEADER, prefix
                + "the 8-byte header in front of this tiny block was overwritten (a write before the block's start?);"
                + " the block was not freed");
    }

    @Override
    public long usableSize(long address) {
        Slab slab = slabOf(address);
        if (slab == null) {
            return -1;
        }
        int sizeClass = slab.sizeClass;
        if (sizeClass < 0 || slab.indexOf(address) < 0
                || TinyHeader.liveClass(NativeMemory.getLongVolatile(address - TinyHeader.SIZE))
                != sizeClass) {
            return -1;
        }
        return TinyHeader.usableSize(sizeClass);
    }

    @Override
    public long bytesLive() {
        // All under the lock a dead thread's heap is retired under: its cached blocks must count once, as cached or as
        // freed back, never as both.
        synchronized (lock) {
            if (closed) {
                return 0;
            }
            long allocated = retiredAllocated + sumHeaps(h -> h.allocatedBytes);
            long freed = retiredFreed + sumHeaps(h -> h.freedBytes + h.cachedBytes());
            return allocated - freed;
        }
    }

    @Override
    public void close() {
        List<SuperSlab> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            heaps.forEach(TinyHeap::detachAll);
            all = new ArrayList<>();
            for (int id = 0; id < byId.length(); id++) {
                SuperSlab superSlab = byId.getAndSet(id, null);
                if (superSlab != null) {
                    all.add(superSlab);
                }
            }
            withFreeSlabs.clear();
            mappedSuperSlabs = 0;
        }
        for (SuperSlab superSlab : all) {
            regions.unregister(superSlab.base);
            batch.release(superSlab.base, RegionTable.REGION_SIZE);
        }
        fronts.forEach(TinyFront::close);
    }

    /** A slab for {@code heap} to allocate {@code sizeClass} from: an orphan to adopt, else a freshly carved one. */
    Slab acquire(TinyHeap heap, int sizeClass) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the tiny pool is closed");
            }
            Slab orphan = orphans[sizeClass].poll();
            if (orphan != null) {
                orphan.owner = heap;
                return orphan;
            }
            SuperSlab superSlab = withFreeSlabs.peek();
            if (superSlab == null) {
                superSlab = mapSuperSlab();
                withFreeSlabs.add(superSlab);
                full = false;
            }
            Slab slab = superSlab.takeFreeSlab();
            if (superSlab.freeMask == 0) {
                withFreeSlabs.poll();
                full = withFreeSlabs.isEmpty();
            }
            slab.carve(sizeClass);
            slab.owner = heap;
            return slab;
        }
    }

    /**
     * A heap's slab search starts here: when the pool would have to map memory for it, the heaps of dead threads that
     * no new thread adopted are retired first, so their blocks and slabs are reused (the searching heap's own slabs
     * may get some of them back as remote frees). Not sooner: a new thread adopts such a heap warm, and a server
     * replacing its workers starts the next one soon after (reaping at every slab search, one new larson thread in
     * eight found no heap to adopt and made one).
     */
    void reapBeforeMapping() {
        if (full && heaps.anyDead()) {
            synchronized (lock) {
                heaps.reapDead();
            }
        }
    }

    /** An owner's slab with no block out: free for any class again; an empty SuperSlab goes to Batch. */
    void releaseEmpty(Slab slab) {
        SuperSlab emptied = null;
        synchronized (lock) {
            slab.owner = null;
            SuperSlab superSlab = slab.home;
            boolean wasFull = superSlab.freeMask == 0;
            superSlab.returnSlab(slab);
            if (superSlab.isEmpty() && mappedSuperSlabs > 1) {
                withFreeSlabs.remove(superSlab);
                full = withFreeSlabs.isEmpty();
                byId.set(superSlab.id, null);
                mappedSuperSlabs--;
                emptied = superSlab;
            } else if (wasFull) {
                withFreeSlabs.add(superSlab);
                full = false;
            }
        }
        if (emptied != null) {
            regions.unregister(emptied.base);
            batch.release(emptied.base, RegionTable.REGION_SIZE);
        }
    }

    /** Pool lock held. */
    private SuperSlab mapSuperSlab() {
        int id = 0;
        while (id < byId.length() && byId.get(id) != null) {
            id++;
        }
        if (id == byId.length()) {
            throw new NativeOutOfMemoryError("the tiny pool holds its limit of " + byId.length()
                    + " SuperSlabs (HAKMEM_TINY_MAX_SUPERSLABS)");
        }
        long base = AlignedMapping.mapRegion(os, batch, hugePageSize);
        SuperSlab superSlab = new SuperSlab(id, base);
        byId.set(id, superSlab);
        regions.register(base, id);
        mappedSuperSlabs++;
        return superSlab;
    }

    /**
     * The slab of the block at {@code address}, found by the block's header in front of it, or null outside every
     * SuperSlab: a C0 block (a header and nothing else, what malloc(0) gets) hands out the address just past it, which
     * for the last block of a slab is the next slab's first byte, or the next region's.
     */
    private Slab slabOf(long address) {
        return slabAt(address - TinyHeader.SIZE);
    }

    /** The slab whose memory holds the byte at {@code place}, or null outside every SuperSlab. */
    private Slab slabAt(long place) {
        int id = regions.lookup(place);
        SuperSlab superSlab = id < 0 || id >= byId.length() ? null : byId.get(id);
        return superSlab == null ? null : superSlab.slabOf(place);
    }

    /**
     * The thread of {@code heap} died and no new thread adopted the heap, found before a SuperSlab was mapped (pool
     * lock held; see {@link #reapBeforeMapping}): its slabs become adoptable by other threads, its totals fold into the retired ones.
     */
    private void orphan(TinyHeap heap) {
        List<Slab> slabs = closed ? List.of() : heap.retire();
        retiredAllocated += heap.allocatedBytes;
        retiredFreed += heap.freedBytes;
        retiredLocalFrees += heap.localFrees;
        retiredRemoteFrees += heap.remoteFrees;
        retiredSllFrees += heap.sllFrees();
        retiredFrontBypasses += heap.frontBypasses;
        for (Slab slab : slabs) {
            slab.owner = null;
            slab.drainRemote(); // nobody owns it now, and no heap can reach it before it is listed below
            if (slab.used == 0) {
                releaseEmpty(slab); // free for any class again, not only for an adopter of its class
            } else {
                orphans[slab.sizeClass].add(slab);
            }
        }
    }

    /** Pool lock held; the heaps' own fields may be a moment stale, which a snapshot tolerates. */
    private long sumHeaps(ToLongFunction<TinyHeap> field) {
        long[] sum = {0};
        heaps.forEach(heap -> sum[0] += field.applyAsLong(heap));
        return sum[0];
    }
}
