package org.hakmem.box.midpool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Counters;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.MidPool;
import org.hakmem.api.spi.PlainFlag;
import org.hakmem.api.spi.HeapSeats;
import org.hakmem.api.spi.ThreadHeaps;

/**
 * The mid pool: each call goes to the calling thread's {@link MidCache}; a cache that runs dry takes a batch from
 * the class's {@link CentralList}, a full one gives its older half back. A block freed by another thread simply goes
 * into that thread's cache: no lock and no remote list on any free. Platform threads get a cache each (a dead
 * thread's cache is adopted by the next new thread, or emptied into the central lists before a segment is mapped);
 * virtual threads share a few.
 * Owns the routing and the caches' life; never maps or unmaps (Segments and Batch do).
 */
final class MidPages extends HeapSeats<MidCache> implements MidPool {

    /** {@link #closed}, read plainly by every call's check ({@link PlainFlag} says why). */
    private static final VarHandle CLOSED = PlainFlag.of(MethodHandles.lookup(), "closed");

    private final long maxSize;
    /** HAKMEM_MID_STRICT_FREE: claim by compare-and-set (racing frees of one block: exactly one wins). */
    private final boolean strictFree;
    private final Segments segments;
    private final CentralList[] centrals = new CentralList[MidHeader.POOL_CLASSES];
    /** Guards the heaps' list, the retired totals and the snapshots of the caches. */
    private final Object lock = new Object();
    private final ThreadHeaps<MidCache> caches;
    private volatile boolean closed;

    MidPages(BoxContext context, long maxSize, int sharedCaches, int maxSegments, boolean strictFree, long cacheBytes,
            int spareSegments) {
        this.maxSize = maxSize;
        this.strictFree = strictFree;
        this.segments = new Segments(context.os(), context.batch(), context.regions(), maxSegments,
                context.hugePageSize(), spareSegments, System::nanoTime);
        for (int c = 0; c < MidHeader.POOL_CLASSES; c++) {
            centrals[c] = new CentralList(c, segments);
        }
        this.caches = new ThreadHeaps<>(lock, sharedCaches, new ThreadHeaps.Lifecycle<>() {
            @Override
            public MidCache create(boolean shared) {
                return new MidCache(shared, cacheBytes);
            }

            @Override
            public void retire(MidCache cache) {
                if (!closed) {
                    emptyCache(cache);
                }
            }

            @Override
            public void seatChanged(int seat, ThreadHeaps.Heap cache) {
                seat(seat, cache);
            }
        });
        Counters counters = context.counters();
        counters.gauge("segments", segments::count);
        counters.gauge("spans", () -> sum(CentralList::spans));
        counters.gauge("central_takes", () -> sum(CentralList::takes));
        counters.gauge("central_givebacks", () -> sum(CentralList::givebacks));
        counters.gauge("cached_bytes", () -> closed ? 0 : cached());
        counters.gauge("caches", () -> {
            long[] count = {0};
            synchronized (lock) {
                caches.forEach(cache -> count[0]++);
            }
            return count[0];
        });
        counters.gauge("caches_adopted", () -> {
            synchronized (lock) {
                return caches.adopted();
            }
        });
    }

    @Override
    public long maxSize() {
        return maxSize;
    }

    @Override
    public long allocate(long size) {
        return allocateClass(MidHeader.classOf(size));
    }

    @Override
    public long allocateAligned(long size, long alignment) {
        long largest = Math.min(maxSize, MidHeader.MAX_ALIGNED_SIZE);
        if (size > largest || alignment > MidHeader.MAX_ALIGNMENT || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("allocateAligned(" + size + ", " + alignment + "): the mid pool aligns"
                    + " blocks of up to " + largest + " B to a power of two up to " + MidHeader.MAX_ALIGNMENT + " B");
        }
        return allocateClass(alignment <= MidHeader.SIZE ? MidHeader.classOf(size)
                : MidHeader.alignedClassOf(size, alignment));
    }

    private long allocateClass(int sizeClass) {
        ensureOpen();
        MidCache cache = own(caches);
        return cache != null ? take(cache, sizeClass) : allocateLocked(sizeClass);
    }

    /** Off the fast path: a cache virtual threads share (under its lock), or a platform thread's first call. */
    private long allocateLocked(int sizeClass) {
        MidCache cache = caches.heap();
        if (cache.sharedLock == null) {
            return take(cache, sizeClass);
        }
        cache.sharedLock.lock();
        try {
            return take(cache, sizeClass);
        } finally {
            cache.sharedLock.unlock();
        }
    }

    @Override
    public void free(long address, int sizeClass) {
        ensureOpen();
        if (!(strictFree ? MidHeader.claim(address, sizeClass) : MidHeader.claimUnshared(address, sizeClass))) {
            throw refuse(address, "free");
        }
        MidCache cache = own(caches);
        if (cache != null) {
            put(cache, address, sizeClass);
            return;
        }
        freeLocked(address, sizeClass);
    }

    /** Off the fast path: a cache virtual threads share (under its lock), or a platform thread's first call. */
    private void freeLocked(long address, int sizeClass) {
        MidCache cache = caches.heap();
        if (cache.sharedLock == null) {
            put(cache, address, sizeClass);
            return;
        }
        cache.sharedLock.lock();
        try {
            put(cache, address, sizeClass);
        } finally {
            cache.sharedLock.unlock();
        }
    }

    /** The fast path of malloc: the cache's newest block of the class (a batch from the central list if none). */
    private long take(MidCache cache, int sizeClass) {
        long address = cache.pop(sizeClass);
        if (address == 0) {
            address = refill(cache, sizeClass);
        }
        MidHeader.markLive(address, sizeClass);
        return address;
    }

    /** The fast path of free, for a claimed block: into the cache, which makes room first when it is full. */
    private void put(MidCache cache, long address, int sizeClass) {
        if (!cache.push(address, sizeClass)) {
            makeRoom(cache, sizeClass);
            cache.push(address, sizeClass);
        }
    }

    /** The cache ran dry: a batch from the central list; returns one block and caches the rest. */
    private long refill(MidCache cache, int sizeClass) {
        // Cheapest first: one volatile read, a look at each heap's thread, then the segments' lock.
        if (centrals[sizeClass].mustCarve() && caches.anyDead() && segments.mustMap(Span.pagesFor(sizeClass))) {
            synchronized (lock) {
                caches.reapDead(); // dead threads' cached blocks before a segment more is mapped
            }
        }
        int base = MidCache.base(sizeClass);
        int taken = centrals[sizeClass].take(cache.slots(), base, cache.refillCount(sizeClass));
        cache.adjust(sizeClass, taken - 1);
        return cache.slots()[base + taken - 1];
    }

    /**
     * The class is full or the budget spent: the older half of the class goes back to the central list (all of it
     * when that is one block), so the push that follows fits. Over the budget with nothing of this class cached,
     * the biggest other class makes room instead.
     */
    private void makeRoom(MidCache cache, int sizeClass) {
        int victim = cache.count(sizeClass) > 0 ? sizeClass : cache.biggestClass();
        int count = Math.max(1, cache.count(victim) / 2);
        centrals[victim].giveBack(cache.slots(), MidCache.base(victim), count);
        cache.dropOldest(victim, count);
        if (!cache.hasRoom(sizeClass)) {
            makeRoom(cache, sizeClass);
        }
    }

    /** Every cached block back to the central lists: the cache of a dead thread nobody adopted. */
    private void emptyCache(MidCache cache) {
        for (int c = 0; c < MidHeader.POOL_CLASSES; c++) {
            int count = cache.count(c);
            if (count > 0) {
                centrals[c].giveBack(cache.slots(), MidCache.base(c), count);
                cache.dropOldest(c, count);
            }
        }
    }

    @Override
    public InvalidAddressException refuse(long address, String operation) {
        String prefix = operation + "(0x" + Long.toHexString(address) + "): ";
        Span span = segments.spanOf(address);
        int index = span == null ? -1 : span.indexOf(address);
        if (span == null && MidHeader.isFree(address, segments.tagInFreePage(address))) {
            return new InvalidAddressException(address, InvalidAddressException.Reason.DOUBLE_FREE, prefix
                    + "double free: the mid block is already free (and its span was given back)");
        }
        if (index < 0) {
            String within = "";
            if (span != null) {
                long block = span.blockHolding(address);
                within = ": it lies " + (address - block) + " bytes from the start of the mid block 0x"
                        + Long.toHexString(block) + " (" + MidHeader.usableSize(span.sizeClass)
                        + " bytes); pass the block's start address";
            }
            return new InvalidAddressException(address, InvalidAddressException.Reason.INTERIOR_POINTER, prefix
                    + "interior pointer into a hakmem mid segment" + within + "; nothing was freed");
        }
        if (MidHeader.isFree(address, NativeMemory.getLongVolatile(address + MidHeader.TAG_OFFSET))) {
            return new InvalidAddressException(address, InvalidAddressException.Reason.DOUBLE_FREE, prefix
                    + "double free: the mid block is already free");
        }
        return new InvalidAddressException(address, InvalidAddressException.Reason.CORRUPT_HEADER, prefix
                + "the header word right in front of this mid block was overwritten (a write before the block's start?);"
                + " the block was not freed");
    }

    @Override
    public long bytesLive() {
        // Under the lock a dead thread's cache is emptied under: read apart, its blocks could count as out of the
        // spans but in no cache.
        synchronized (lock) {
            return closed ? 0 : sum(CentralList::outBytes) - cachedUsable();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        segments.close();
    }

    private void ensureOpen() {
        if ((boolean) CLOSED.get(this)) {
            throw new IllegalStateException("the mid pool is closed");
        }
    }

    private long cached() {
        long[] bytes = {0};
        synchronized (lock) {
            caches.forEach(cache -> bytes[0] += cache.cachedBytes());
        }
        return bytes[0];
    }

    private long cachedUsable() {
        long[] bytes = {0};
        synchronized (lock) {
            caches.forEach(cache -> bytes[0] += cache.cachedUsableBytes());
        }
        return bytes[0];
    }

    private long sum(java.util.function.ToLongFunction<CentralList> field) {
        long sum = 0;
        for (CentralList central : centrals) {
            sum += field.applyAsLong(central);
        }
        return sum;
    }
}
