package org.hakmem.api.spi;

/**
 * One heap's magazine of one {@link TinyFront}: user addresses of free tiny blocks, by class. Used by one thread at a
 * time, so it takes no lock. The blocks it holds carry a free {@link TinyHeader}; it never reads or writes them.
 */
public interface TinyCache {

    /**
     * The classes this cache may ever hold, bit {@code c} for class {@code c}: the pool asks it about no other class
     * (a test on its fast path instead of a call that can only decline).
     */
    default int classes() {
        return (1 << TinyHeader.CLASSES) - 1;
    }

    /** A cached block of {@code sizeClass}, or 0 when there is none (or the class is not this cache's). */
    long pop(int sizeClass);

    /** Caches a free block; false when the class is not this cache's or its magazine is full. */
    boolean push(long address, int sizeClass);

    /**
     * How many blocks of {@code sizeClass} the pool should hand over after {@link #pop} found none: 0 for a cache
     * that is filled by frees only, or a batch size. The pool then {@link #push}es up to that many and counts a refill.
     */
    int refillCount(int sizeClass);

    /** The pool pushed a refill of {@code sizeClass} blocks. */
    void refilled(int sizeClass);

    /** Bytes the user could use in the cached blocks (a moment stale when read by another thread). */
    long cachedBytes();

    /** The heap is retiring (its thread died, or the pool closes): pops every block into {@code sink}. */
    void retire(BlockSink sink);

    /** Takes the blocks a retiring cache gives back. */
    @FunctionalInterface
    interface BlockSink {
        void accept(long address, int sizeClass);
    }
}
