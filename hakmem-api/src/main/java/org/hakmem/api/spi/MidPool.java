package org.hakmem.api.spi;

/**
 * The MID_POOL slot: blocks from just above the tiny range up to {@link #maxSize()} bytes, each behind a
 * {@link MidHeader}, carved from segments registered in {@link BoxContext#regions()} under ids from
 * {@link RegionTable#MID_IDS} on. Thread-safe; a block may be freed by any thread.
 */
public interface MidPool {

    /** The largest request served; larger ones go to the next path. */
    long maxSize();

    /**
     * A block of at least {@code size} bytes (up to {@link #maxSize()}), 16-byte aligned.
     *
     * @throws org.hakmem.api.NativeOutOfMemoryError when no segment can be mapped
     */
    long allocate(long size);

    /**
     * A block of at least {@code size} bytes (up to {@link MidHeader#MAX_ALIGNED_SIZE} and {@link #maxSize()}) whose
     * address is a multiple of {@code alignment}, a power of two up to {@link MidHeader#MAX_ALIGNMENT}; it is freed like
     * any other.
     *
     * @throws org.hakmem.api.NativeOutOfMemoryError when no segment can be mapped
     */
    long allocateAligned(long size, long alignment);

    /**
     * Frees a block FrontGate found to be a live mid block of {@code sizeClass}.
     *
     * @throws org.hakmem.api.InvalidAddressException for a double free (lost race); nothing is freed then
     */
    void free(long address, int sizeClass);

    /**
     * Why {@code operation} cannot take {@code address}, which lies in a mid segment but is no live block's start:
     * an interior pointer, a double free, or an overwritten header. Reads a header only at a block boundary.
     */
    org.hakmem.api.InvalidAddressException refuse(long address, String operation);

    /** Usable bytes of the live blocks. */
    long bytesLive();

    /** Hands every segment to Batch. */
    void close();
}
