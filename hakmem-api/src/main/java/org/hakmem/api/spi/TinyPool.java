package org.hakmem.api.spi;

/**
 * The TINY_POOL slot: blocks of up to {@link #maxSize()} bytes, each behind a {@link TinyHeader}, carved from
 * SuperSlabs registered in {@link BoxContext#regions()}. Thread-safe; a block may be freed by any thread.
 */
public interface TinyPool {

    /** The largest request served; larger ones go to the next path. */
    long maxSize();

    /**
     * A block of at least {@code size} bytes (0 to {@link #maxSize()}), 8-byte aligned.
     *
     * @throws org.hakmem.api.NativeOutOfMemoryError when no SuperSlab can be mapped
     */
    long allocate(long size);

    /**
     * Frees a block FrontGate found to be a live tiny block of {@code sizeClass}.
     *
     * @throws org.hakmem.api.InvalidAddressException for a double free or an address that is not a block's start;
     *                                                nothing is freed then
     */
    void free(long address, int sizeClass);

    /**
     * Why {@code operation} cannot take {@code address}, which lies in a SuperSlab but is no live block's start: an
     * interior pointer, a double free, or a header overwritten from the block before. Reads a header only at a block
     * boundary.
     */
    org.hakmem.api.InvalidAddressException refuse(long address, String operation);

    /** The usable size of a live block, or -1 if {@code address} is not one. Reads no memory outside SuperSlabs. */
    long usableSize(long address);

    /** Usable bytes of the live blocks. */
    long bytesLive();

    /** Hands every SuperSlab to Batch. */
    void close();
}
