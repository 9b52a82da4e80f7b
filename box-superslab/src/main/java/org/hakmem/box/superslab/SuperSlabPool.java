package org.hakmem.box.superslab;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.AlignedMapping;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Counters;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.TinyHeader;
import org.hakmem.api.spi.TinyPool;

/**
 * The tiny pool: routes each call to the calling thread's heap, and owns the shared state behind the heaps' slow
 * paths (SuperSlabs, free slabs, slabs orphaned by dead threads) under one lock. Platform threads get a heap each,
 * reclaimed when the thread dies; virtual threads share {@link #shared} heaps, so a million of them still make only
 * that many caches. Never unmaps: empty SuperSlabs go to Batch.
 */
final class SuperSlabPool implements TinyPool {

    /** Heaps of dead threads are found through this: it is reachable only from its thread's ThreadLocal. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final OsLayer os;
    private final Batch batch;
    private final RegionTable regions;
    private final int drainInterval;
    private final ThreadLocal<HeapHandle> platformHeaps = new ThreadLocal<>();
    private final TinyHeap[] shared;
    private final LongAdder remoteFrees;
    private final LongAdder remoteFreedBytes;

    /** By region id; read without a lock on every free, written under {@link #lock}. */
    private final AtomicReferenceArray<SuperSlab> byId;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<SuperSlab> withFreeSlabs = new ArrayDeque<>();
    /** Guarded by {@link #lock}: slabs whose thread died, per class, waiting for a heap to adopt them. */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Slab>[] orphans = new ArrayDeque[TinyClasses.COUNT];
    /** Guarded by {@link #lock}: every live heap, for the counters; a dead thread's totals fold into the fields below. */
    private final List<TinyHeap> heaps = new ArrayList<>();
    private long retiredAllocated;
    private long retiredFreed;
    private long retiredLocalFrees;
    private long mappedSuperSlabs;
    private boolean closed;

    SuperSlabPool(BoxContext context, int drainInterval, int sharedHeaps, int maxSuperSlabs) {
        this.byId = new AtomicReferenceArray<>(maxSuperSlabs);
        this.os = context.os();
        this.batch = context.batch();
        this.regions = context.regions();
        this.drainInterval = drainInterval;
        for (int c = 0; c < TinyClasses.COUNT; c++) {
            orphans[c] = new ArrayDeque<>();
        }
        this.shared = new TinyHeap[sharedHeaps];
        for (int i = 0; i < sharedHeaps; i++) {
            shared[i] = newHeap(true);
        }
        Counters counters = context.counters();
        this.remoteFrees = counters.counter("ss_remote");
        this.remoteFreedBytes = new LongAdder();
        counters.gauge("ss_local", () -> {
            synchronized (lock) {
                return sumHeaps(h -> h.localFrees) + retiredLocalFrees;
            }
        });
        counters.gauge("superslabs", () -> {
            synchronized (lock) {
                return mappedSuperSlabs;
            }
        });
        counters.gauge("heaps", () -> {
            synchronized (lock) {
                return heaps.size();
            }
        });
    }

    @Override
    public long maxSize() {
        return TinyClasses.MAX_SIZE;
    }

    @Override
    public long allocate(long size) {
        int sizeClass = TinyClasses.of(size);
        Thread thread = Thread.currentThread();
        if (!thread.isVirtual()) {
            return platformHeap().allocate(sizeClass);
        }
        TinyHeap heap = shared[(int) (thread.threadId() % shared.length)];
        heap.sharedLock.lock();
        try {
            return heap.allocate(sizeClass);
        } finally {
            heap.sharedLock.unlock();
        }
    }

    @Override
    public void free(long address, int sizeClass) {
        SuperSlab superSlab = superSlab(address);
        Slab slab = superSlab == null ? null : superSlab.slabOf(address);
        int index = slab == null || slab.sizeClass != sizeClass ? -1 : slab.indexOf(address);
        if (index < 0) {
            throw new InvalidAddressException(address, InvalidAddressException.Reason.INTERIOR_POINTER, "free(0x"
                    + Long.toHexString(address) + "): the address lies in a hakmem SuperSlab but is not the start of"
                    + " a block; nothing was freed");
        }
        HeapHandle handle = Thread.currentThread().isVirtual() ? null : platformHeaps.get();
        boolean freed;
        if (handle != null && slab.owner == handle.heap) {
            freed = handle.heap.freeLocal(slab, index);
        } else {
            freed = slab.pushRemote(index);
            if (freed) {
                remoteFrees.increment();
                remoteFreedBytes.add(TinyClasses.usableSize(sizeClass));
            }
        }
        if (!freed) {
            throw new InvalidAddressException(address, InvalidAddressException.Reason.DOUBLE_FREE, "free(0x"
                    + Long.toHexString(address) + "): double free: the tiny block is already free");
        }
    }

    @Override
    public InvalidAddressException refuse(long address, String operation) {
        SuperSlab superSlab = superSlab(address);
        Slab slab = superSlab == null ? null : superSlab.slabOf(address);
        int index = slab == null || slab.sizeClass < 0 ? -1 : slab.indexOf(address);
        String prefix = operation + "(0x" + Long.toHexString(address) + "): ";
        if (index < 0) {
            String within = "";
            if (slab != null && slab.sizeClass >= 0) {
                long block = slab.header((int) ((address - slab.base) >>> slab.blockShift)) + TinyHeader.SIZE;
                within = ": it lies " + (address - block) + " bytes from the start of the tiny block 0x"
                        + Long.toHexString(block) + " (" + TinyClasses.usableSize(slab.sizeClass)
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
        SuperSlab superSlab = superSlab(address);
        if (superSlab == null) {
            return -1;
        }
        Slab slab = superSlab.slabOf(address);
        int sizeClass = slab.sizeClass;
        if (sizeClass < 0 || slab.indexOf(address) < 0
                || TinyHeader.liveClass(NativeMemory.getLongVolatile(address - TinyHeader.SIZE))
                != sizeClass) {
            return -1;
        }
        return TinyClasses.usableSize(sizeClass);
    }

    @Override
    public long bytesLive() {
        long allocated;
        long freed;
        synchronized (lock) {
            if (closed) {
                return 0;
            }
            allocated = retiredAllocated + sumHeaps(h -> h.allocatedBytes);
            freed = retiredFreed + sumHeaps(h -> h.freedBytes);
        }
        return allocated - freed - remoteFreedBytes.sum();
    }

    @Override
    public void close() {
        List<SuperSlab> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (TinyHeap heap : heaps) {
                heap.detachAll();
            }
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
            }
            Slab slab = superSlab.takeFreeSlab();
            if (superSlab.freeMask == 0) {
                withFreeSlabs.poll();
            }
            slab.carve(sizeClass);
            slab.owner = heap;
            return slab;
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
                byId.set(superSlab.id, null);
                mappedSuperSlabs--;
                emptied = superSlab;
            } else if (wasFull) {
                withFreeSlabs.add(superSlab);
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
        long base = AlignedMapping.map(os, batch, RegionTable.REGION_SIZE, RegionTable.REGION_SIZE);
        SuperSlab superSlab = new SuperSlab(id, base);
        byId.set(id, superSlab);
        regions.register(base, id);
        mappedSuperSlabs++;
        return superSlab;
    }

    private SuperSlab superSlab(long address) {
        int id = regions.lookup(address);
        return id < 0 || id >= byId.length() ? null : byId.get(id);
    }

    private TinyHeap platformHeap() {
        HeapHandle handle = platformHeaps.get();
        if (handle == null) {
            TinyHeap heap = newHeap(false);
            handle = new HeapHandle(heap);
            CLEANER.register(handle, new Orphaning(new WeakReference<>(this), heap));
            platformHeaps.set(handle);
        }
        return handle.heap;
    }

    private TinyHeap newHeap(boolean sharedHeap) {
        TinyHeap heap = new TinyHeap(this, drainInterval, sharedHeap);
        synchronized (lock) {
            heaps.add(heap);
        }
        return heap;
    }

    /** Runs once the thread of {@code heap} has died: its slabs become adoptable by other threads. */
    void orphan(TinyHeap heap) {
        synchronized (lock) {
            if (!heaps.remove(heap)) {
                return;
            }
            retiredAllocated += heap.allocatedBytes;
            retiredFreed += heap.freedBytes;
            retiredLocalFrees += heap.localFrees;
            if (closed) {
                return;
            }
            for (Slab slab : heap.detachAll()) {
                slab.owner = null;
                orphans[slab.sizeClass].add(slab);
            }
        }
    }

    /** Pool lock held; the heaps' own fields may be a moment stale, which a snapshot tolerates. */
    private long sumHeaps(ToLongFunction<TinyHeap> field) {
        long sum = 0;
        for (TinyHeap heap : heaps) {
            sum += field.applyAsLong(heap);
        }
        return sum;
    }

    /** What a platform thread's ThreadLocal holds; when it becomes unreachable, the thread is gone. */
    private static final class HeapHandle {
        final TinyHeap heap;

        HeapHandle(TinyHeap heap) {
            this.heap = heap;
        }
    }

    /**
     * The cleaning action: must not reach its HeapHandle, or the handle would never become unreachable; and reaches
     * the pool only weakly, so that a thread outliving its allocator does not keep the pool alive.
     */
    private record Orphaning(WeakReference<SuperSlabPool> pool, TinyHeap heap) implements Runnable {
        @Override
        public void run() {
            SuperSlabPool owner = pool.get();
            if (owner != null) {
                owner.orphan(heap);
            }
        }
    }
}
