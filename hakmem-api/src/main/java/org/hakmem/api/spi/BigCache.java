package org.hakmem.api.spi;

/**
 * The BigCache slot: freed mappings of at least {@link #minLength()} bytes stay mapped for warm reuse.
 * It never unmaps: what it cannot keep, it hands to {@link Batch}. Implementations must be thread-safe.
 */
public interface BigCache {

    /** Mappings shorter than this are never cached. */
    long minLength();

    /**
     * The length to map for a request of {@code length} bytes (page-rounded, at least {@link #minLength()}), rounded
     * up to the cache's size class so that a mapping cached later can serve any request of the same class.
     */
    long classLength(long length);

    /** A cached mapping of exactly {@code classLength} bytes, or 0 on a miss. Its contents are undefined. */
    long take(long classLength);

    /** Keeps the mapping for reuse, or hands it (or older ones, LRU first) to Batch to stay under its caps. */
    void put(long base, long length);

    /** Hands every cached mapping to Batch. */
    void close();
}
