package org.hakmem.api.spi;

/**
 * The 8 bytes in front of every tiny block: the magic "HAKM" in the high half, then a tag byte saying the class and
 * whether the block is live ({@code 0xa0 | class}) or free ({@code 0xf0 | class}). A free header may carry, in bits
 * 8 to 31, the pool's link to the next free block. The tiny pool writes it;
 * FrontGate reads it to classify a free, once {@link RegionTable} vouches that the address lies in a SuperSlab.
 * A free flips the tag with a compare-and-set, so of two racing frees of one block exactly one wins.
 */
public final class TinyHeader {

    public static final long SIZE = 8;
    /** The number of tiny classes, C0 to C7. */
    public static final int CLASSES = 8;

    private static final int LIVE = 0xa0;
    private static final int FREE = 0xf0;

    private TinyHeader() {
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
}
