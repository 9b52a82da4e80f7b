/**
 * BigCache: freed mappings of 1 MiB and more stay mapped for warm reuse.
 *
 * <p>One small LIFO ring per size class (four classes per power of two) under a hard byte cap. What it cannot keep
 * (a full ring's oldest, the least recently freed mapping when over the cap, a mapping bigger than the cap) it hands
 * to Batch: "BigCache retains for warm reuse; on cold eviction, hand off to Batch; only Batch may munmap."
 * This module cannot unmap anything: munmap is exported to Batch alone. It exports nothing and depends on no
 * other Box; it reaches Batch only through {@code BoxContext.batch()}.
 */
module org.hakmem.box.bigcache {
    requires org.hakmem.api;

    provides org.hakmem.api.spi.BigCacheProvider with org.hakmem.box.bigcache.RingBigCacheProvider;
}
