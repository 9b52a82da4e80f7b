package org.hakmem.bench.allocators;

/**
 * One allocator under test, as every scenario drives it: a block lives in a numbered slot of the scenario's
 * workset, is written through its address and is freed from the same slot.
 *
 * <p>Owns the contract only. An implementation must never touch the memory it hands out (the scenario writes,
 * the same way for everyone) and must never do per-call work beyond what its allocator needs: peers that
 * expose no bare address (Arena, Netty) keep their object in an array indexed by slot, an O(1) store.
 */
public interface BenchAllocator extends AutoCloseable {

    /** The name the runner and the report use, e.g. {@code hakmem-minimal} or {@code glibc}. */
    String name();

    /** Allocates {@code size} bytes for {@code slot} and returns their address; never 0. */
    long malloc(int slot, long size);

    /**
     * Resizes the block of {@code slot} (one {@link #malloc} or {@code realloc} returned, never one from
     * {@link #alignedAlloc}) to {@code newSize} bytes, keeping its contents up to the smaller size, and returns its
     * address, which may differ from {@code address}; never 0.
     */
    long realloc(int slot, long address, long newSize);

    /** Allocates {@code size} bytes for {@code slot} at a multiple of {@code alignment}, a power of two; never 0. */
    long alignedAlloc(int slot, long alignment, long size);

    /** Frees the block {@link #malloc}, {@link #realloc} or {@link #alignedAlloc} returned for {@code slot}. */
    void free(int slot, long address);

    /**
     * The counters as of now. Every allocator reports the process-wide minor faults; only hakmem pipelines
     * know their syscalls, see {@link #reportsSyscalls()}.
     */
    CounterSnapshot counters();

    /** Whether mmap/munmap/madvise calls, batch flushes and BigCache hits in {@link #counters()} are real. */
    boolean reportsSyscalls();

    /** Releases everything the allocator holds; every block must already have been freed. */
    @Override
    void close();
}
