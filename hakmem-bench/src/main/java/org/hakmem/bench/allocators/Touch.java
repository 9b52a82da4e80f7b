package org.hakmem.bench.allocators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The one way every scenario writes into blocks, whichever allocator returned them, so no allocator wins by
 * leaving its memory untouched. Owns the writes; never reads and never frees.
 */
public final class Touch {

    /** The page the scenarios touch once each: 4 KiB, the x86-64 and arm64 base page. */
    public static final long PAGE = 4096;

    @SuppressWarnings("restricted") // blocks come from allocators as bare addresses; this is how FFM writes there
    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private Touch() {
    }

    /** Writes one byte at the block's first address. */
    public static void first(long address, byte value) {
        EVERYTHING.set(ValueLayout.JAVA_BYTE, address, value);
    }

    /** Writes one byte into every 4 KiB page of the block, and one into its last byte. */
    public static void everyPage(long address, long size, byte value) {
        for (long offset = 0; offset < size; offset += PAGE) {
            EVERYTHING.set(ValueLayout.JAVA_BYTE, address + offset, value);
        }
        EVERYTHING.set(ValueLayout.JAVA_BYTE, address + size - 1, value);
    }

    /** Writes every byte of the block, as a program that fills what it asked for would (a memset). */
    public static void everyByte(long address, long size, byte value) {
        EVERYTHING.asSlice(address, size).fill(value);
    }

    /** Reads one byte back (tests only: the benchmarks never read). */
    public static byte read(long address) {
        return EVERYTHING.get(ValueLayout.JAVA_BYTE, address);
    }
}
