package org.hakmem.api;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * malloc/free over native memory, with C semantics where C defines them.
 *
 * <p>Addresses are plain {@code long}s. Every address this allocator returns is at least 8-byte aligned.
 * An address it did not return, an interior pointer or a second free of the same block is refused
 * with an {@link InvalidAddressException}; the allocator never reads memory it does not know it owns.
 *
 * <p>Implementations are thread-safe: a block may be freed by a thread other than the one that allocated it.
 */
public interface Allocator extends SegmentAllocator, AutoCloseable {

    /** Allocates {@code size} bytes. {@code malloc(0)} returns a unique address that can be freed. */
    long malloc(long size);

    /** Allocates {@code count * size} zeroed bytes; the product is checked for overflow. */
    long calloc(long count, long size);

    /**
     * Resizes a block, keeping its contents up to the smaller of the two sizes.
     * {@code realloc(0, n)} is {@code malloc(n)}; the returned address may differ from {@code address}.
     */
    long realloc(long address, long newSize);

    /** Allocates {@code size} bytes at an address that is a multiple of {@code alignment}, any power of two. */
    long alignedAlloc(long alignment, long size);

    /** Returns a block to the allocator. {@code free(0)} does nothing. */
    void free(long address);

    /** The number of bytes the caller may use at {@code address}: at least what was asked for. */
    long usableSize(long address);

    /**
     * Allocates a segment of {@code byteSize} bytes whose address is a multiple of {@code byteAlignment}.
     * The segment is not bound to an arena: it stays valid until {@link #free(MemorySegment)}.
     */
    @Override
    MemorySegment allocate(long byteSize, long byteAlignment);

    /** Frees the block behind a segment returned by {@link #allocate(long, long)}. */
    void free(MemorySegment segment);

    /** A consistent-enough snapshot of every counter, per Box and in total. */
    AllocatorStats stats();

    /**
     * Returns every mapped byte to the OS. Blocks still live are released too; using them afterwards is
     * undefined, exactly as with memory freed in C. Calls after close fail with {@link IllegalStateException}.
     */
    @Override
    void close();
}
