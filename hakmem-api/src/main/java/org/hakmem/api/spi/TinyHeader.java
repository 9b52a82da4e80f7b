package org.hakmem.api.spi;

import org.hakmem.api.os.NativeMemory;

/**
 * The tiny classes and the 8 bytes in front of every tiny block. Class c has blocks of {@code 8 << c} bytes, the
 * header and the rest for the user, so C2 (32 B) serves 16-byte requests and C3 (64 B) 32-byte ones, as in the C
 * design. The header holds the magic "HAKM" in the high half, then a tag byte saying the class and whether the block
 * is live ({@code 0xa0 | class}) or free ({@code 0xf0 | class}); a free header may carry, in bits 8 to 31, the pool's
 * link to the next free block. FrontGate reads it to classify a free, once {@link RegionTable} vouches that the
 * address lies in a SuperSlab; the tiny pool and its fronts write it. Pure arithmetic, plus the one flip on free.
 */
public final class TinyHeader {

    public static final long SIZE = 8;
    /** The number of tiny classes, C0 to C7. */
    public static final int CLASSES = 8;
    /** The largest tiny request: a C7 block of 1 KiB less its header. */
    public static final long MAX_SIZE = usableSize(CLASSES - 1);

    private static final int LIVE = 0xa0;
    private static final int FREE = 0xf0;

    private TinyHeader() {
    }

    /** The class serving a request of {@code size} bytes (0 to {@link #MAX_SIZE}). */
    public static int classOf(long size) {
        long need = size + SIZE;
        return need <= 8 ? 0 : 61 - Long.numberOfLeadingZeros(need - 1);
    }

    public static long blockSize(int sizeClass) {
        return 8L << sizeClass;
    }

    /** What the user may write: the block less its header. */
    public static long usableSize(int sizeClass) {
        return blockSize(sizeClass) - SIZE;
    }

    /** The header of a live block of {@code sizeClass}. */
    public static long live(int sizeClass) {
        return ((long) BlockHeader.MAGIC << 32) | LIVE | sizeClass;
    }

    /** The header of a freed block of {@code sizeClass}. */
    public static long free(int sizeClass) {
        return ((long) BlockHeader.MAGIC << 32) | FREE | sizeClass;
    }

    /** The class of a live header, or -1 if {@code header} is not one. */
    public static int liveClass(long header) {
        return (header & ~0x07L) == (((long) BlockHeader.MAGIC << 32) | LIVE) ? (int) (header & 0x07) : -1;
    }

    /** Whether {@code header} is that of a freed tiny block (whatever link it carries). */
    public static boolean isFree(long header) {
        return (header >>> 32) == BlockHeader.MAGIC && (header & 0xF8) == FREE;
    }

    /**
     * Whether {@code address} is where a block of {@code sizeClass} starts, judged by alignment alone: blocks of a
     * class tile 64 KiB-aligned slabs from their start, so a block's header sits on a multiple of its block size.
     */
    public static boolean isBlockStart(long address, int sizeClass) {
        return ((address - SIZE) & (blockSize(sizeClass) - 1)) == 0;
    }

    /**
     * The one step of every tiny free: flips the header of the block at user address {@code address} from live to
     * free with a compare-and-set, so of two racing frees of one block exactly one wins. False when it was not live.
     * The caller must know that the address lies in a SuperSlab.
     */
    public static boolean claim(long address, int sizeClass) {
        return NativeMemory.compareAndSetLong(address - SIZE, live(sizeClass), free(sizeClass));
    }

    /**
     * The cheaper flip, for a pool told that no two threads free one block at the same instant: a plain read, then a
     * plain write. A double free at any other time is still refused; two racing frees of one block may both pass.
     */
    public static boolean claimUnshared(long address, int sizeClass) {
        long header = address - SIZE;
        if (NativeMemory.getLong(header) != live(sizeClass)) {
            return false;
        }
        NativeMemory.putLong(header, free(sizeClass));
        return true;
    }

    /** Marks a free block live again, as an allocation hands it out. */
    public static void markLive(long address, int sizeClass) {
        NativeMemory.putLong(address - SIZE, live(sizeClass));
    }

    /** Marks a block free (a block the pool hands a front without it ever being live). */
    public static void markFree(long address, int sizeClass) {
        NativeMemory.putLong(address - SIZE, free(sizeClass));
    }
}
