// Owns: which freed big mappings stay mapped (a ring per size class, a byte cap, LRU order) and the counters of it.
// Must never: unmap (it cannot even see munmap), touch the memory it holds, or call Batch while holding its lock.
package org.hakmem.box.bigcache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BigCache;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Config;
import org.hakmem.api.spi.Counters;

/**
 * Keeps freed mappings of at least 1 MiB for warm reuse. {@link #take} pops the most recently put mapping of a class;
 * {@link #put} keeps a mapping, handing to Batch first the oldest of a full ring, then the globally least recently put
 * mappings until the held bytes fit under the cap. A mapping that could never be cached (longer than the cap, or not a
 * class length) goes straight to Batch.
 *
 * <p>Thread-safe under one short lock; the hand-overs to Batch happen after it is released.
 */
final class RingBigCache implements BigCache {

    /** A mapping on its way to Batch. */
    private record Mapping(long base, long length) {
    }

    private final Batch batch;
    private final long pageSize;
    private final long cap;
    private final int ringCap;

    /**
     * Puts and takes of mappings that can never be cached (no lock taken for them). The counts of the common case
     * are plain fields under {@link #lock}, which those calls hold anyway: a LongAdder's compare-and-set each would
     * cost more than the rest of the call.
     */
    private final LongAdder rejects;
    private final LongAdder uncachedMisses;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}; one per class up to the cap, created on first put. */
    private final Ring[] rings;
    /** Guarded by {@link #lock}: bytes of the mappings held now, and the counts of the cacheable calls. */
    private long held;
    private long puts;
    private long hits;
    private long misses;
    private long evictions;
    /** Guarded by {@link #lock}: stamps each put, so the smallest oldest stamp of all rings is the LRU mapping. */
    private long nextSequence;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    RingBigCache(BoxContext context) {
        Config config = context.config();
        batch = context.batch();
        pageSize = context.os().pageSize();
        cap = config.number(RingBigCacheProvider.CAP);
        ringCap = (int) config.number(RingBigCacheProvider.RING_CAP);
        rings = new Ring[cap < SizeClasses.MIN_LENGTH ? 0 : SizeClasses.index(SizeClasses.classLength(cap, pageSize)) + 1];
        Counters counters = context.counters();
        rejects = counters.counter("rejects");
        uncachedMisses = new LongAdder();
        counters.gauge("puts", () -> locked(() -> puts) + rejects.sum());
        counters.gauge("hits", () -> locked(() -> hits));
        counters.gauge("misses", () -> locked(() -> misses) + uncachedMisses.sum());
        counters.gauge("evictions", () -> locked(() -> evictions));
        counters.gauge("bytes_held", () -> locked(() -> held));
    }

    private long locked(LongSupplier figure) {
        synchronized (lock) {
            return figure.getAsLong();
        }
    }

    @Override
    public long minLength() {
        return SizeClasses.MIN_LENGTH;
    }

    @Override
    public long classLength(long length) {
        return SizeClasses.classLength(length, pageSize);
    }

    @Override
    public long take(long classLength) {
        if (!cacheable(classLength)) {
            uncachedMisses.increment();
            return 0;
        }
        synchronized (lock) {
            Ring ring = rings[SizeClasses.index(classLength)];
            if (ring == null || ring.isEmpty()) {
                misses++;
                return 0;
            }
            hits++;
            held -= classLength;
            return ring.popNewest();
        }
    }

    @Override
    public void put(long base, long length) {
        if (base == 0 || (base & (pageSize - 1)) != 0 || length <= 0) {
            throw new IllegalArgumentException("BigCache.put: 0x" + Long.toHexString(base) + " (" + length
                    + " bytes) is not a page-aligned mapping");
        }
        List<Mapping> evicted = null;
        if (cacheable(length)) {
            synchronized (lock) {
                if (!closed) {
                    puts++;
                    evicted = keep(base, length);
                    evictions += evicted.size();
                }
            }
        }
        if (evicted == null) { // not kept: straight to Batch
            rejects.increment();
            evicted = List.of(new Mapping(base, length));
        }
        handOver(evicted);
    }

    @Override
    public void close() {
        List<Mapping> all = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            for (Ring ring : rings) {
                while (ring != null && !ring.isEmpty()) {
                    all.add(new Mapping(ring.popOldest(), ring.classLength()));
                }
            }
            held = 0;
        }
        handOver(all);
    }

    /**
     * Guarded by {@link #lock}: makes room in the class's ring and under the cap, then keeps the mapping. Returns the
     * mappings it evicted (none, nearly always: then no list is made).
     */
    private List<Mapping> keep(long base, long length) {
        int index = SizeClasses.index(length);
        Ring ring = rings[index];
        if (ring == null) {
            ring = new Ring(length, ringCap);
            rings[index] = ring;
        }
        List<Mapping> evicted = List.of();
        if (ring.isFull()) {
            evicted = new ArrayList<>(2);
            evicted.add(evictOldest(ring));
        }
        while (held + length > cap) {
            if (evicted.isEmpty()) {
                evicted = new ArrayList<>(2);
            }
            evicted.add(evictOldest(leastRecentlyPut()));
        }
        ring.push(base, nextSequence++);
        held += length;
        return evicted;
    }

    /** Guarded by {@link #lock}: the ring whose oldest mapping was put before every other ring's oldest. */
    private Ring leastRecentlyPut() {
        Ring least = null;
        for (Ring ring : rings) {
            if (ring != null && !ring.isEmpty()
                    && (least == null || ring.oldestSequence() < least.oldestSequence())) {
                least = ring;
            }
        }
        return least;
    }

    /** Guarded by {@link #lock}. */
    private Mapping evictOldest(Ring ring) {
        held -= ring.classLength();
        return new Mapping(ring.popOldest(), ring.classLength());
    }

    /** Whether a mapping of {@code length} can ever sit in a ring: a class length no longer than the cap. */
    private boolean cacheable(long length) {
        return length <= cap && SizeClasses.isClassLength(length, pageSize);
    }

    /** Outside the lock: Batch may madvise or munmap. */
    private void handOver(List<Mapping> mappings) {
        for (Mapping mapping : mappings) {
            batch.release(mapping.base(), mapping.length());
        }
    }
}
