package org.hakmem.api.spi;

/**
 * The Batch slot: the only Box that may munmap. Every mapping hakmem stops using ends here.
 * Implementations must be thread-safe.
 *
 * <p>Counters every Batch keeps, because the allocator's totals are built from them: {@code munmap_calls} and
 * {@code bytes_released} (bytes unmapped).
 */
public interface Batch {

    /**
     * Takes ownership of {@code [base, base + length)}, a mapping nobody uses any more. Small mappings are unmapped
     * at once; larger ones may be gathered, madvised in one flush and unmapped once cold.
     */
    void release(long base, long length);

    /**
     * Unmaps at once a range hakmem mapped but never handed to anyone, such as the unaligned ends of an over-sized
     * mapping: its pages were never touched, so there is nothing to advise or to keep.
     */
    void releaseUnused(long base, long length);

    /** Madvises everything gathered so far and unmaps what has gone cold. */
    void flush();

    /** Unmaps everything Batch still holds. The allocator calls this last, on close. */
    void close();
}
