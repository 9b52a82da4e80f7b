package org.hakmem.assembly;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.hakmem.api.os.NativeMemory;

/**
 * Owns the byte patterns the stress, property and bad-input tests write into whole blocks: every byte depends on the
 * block's seed and its offset, so a block overwritten by a neighbour, handed out twice, zeroed or copied short shows
 * up at the first byte that changed. Test helper only; it touches nothing but the range it is given.
 */
final class BlockPatterns {

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    private BlockPatterns() {
    }

    /** A seed for a block, from its address and size (as the classic allocator stress tests stamp blocks). */
    static long seed(long address, long size) {
        return address * 0x9E37_79B9_7F4A_7C15L ^ size;
    }

    /** Writes the pattern of {@code seed} over {@code [address, address + length)}. */
    static void fill(long address, long length, long seed) {
        MemorySegment block = NativeMemory.segment(address, length);
        long words = length >>> 3;
        for (long i = 0; i < words; i++) {
            block.set(WORD, i << 3, word(seed, i));
        }
        long tail = word(seed, words);
        for (long offset = words << 3; offset < length; offset++) {
            block.set(ValueLayout.JAVA_BYTE, offset, (byte) (tail >>> ((offset & 7) << 3)));
        }
    }

    /** The offset of the first byte in {@code [address, address + length)} that differs from the pattern, or -1. */
    static long firstDifference(long address, long length, long seed) {
        MemorySegment block = NativeMemory.segment(address, length);
        long words = length >>> 3;
        for (long i = 0; i < words; i++) {
            long difference = block.get(WORD, i << 3) ^ word(seed, i);
            if (difference != 0) {
                return (i << 3) + (Long.numberOfTrailingZeros(difference) >>> 3);
            }
        }
        long tail = word(seed, words);
        for (long offset = words << 3; offset < length; offset++) {
            if (block.get(ValueLayout.JAVA_BYTE, offset) != (byte) (tail >>> ((offset & 7) << 3))) {
                return offset;
            }
        }
        return -1;
    }

    /** The offset of the first non-zero byte in {@code [address, address + length)}, or -1. */
    static long firstNonZero(long address, long length) {
        MemorySegment block = NativeMemory.segment(address, length);
        long words = length >>> 3;
        for (long i = 0; i < words; i++) {
            long word = block.get(WORD, i << 3);
            if (word != 0) {
                return (i << 3) + (Long.numberOfTrailingZeros(word) >>> 3);
            }
        }
        for (long offset = words << 3; offset < length; offset++) {
            if (block.get(ValueLayout.JAVA_BYTE, offset) != 0) {
                return offset;
            }
        }
        return -1;
    }

    /** SplitMix64 of the word index: never the same for two neighbouring words, never all zero in practice. */
    private static long word(long seed, long index) {
        long z = seed + (index + 1) * 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
