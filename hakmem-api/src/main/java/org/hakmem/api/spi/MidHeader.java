package org.hakmem.api.spi;

import org.hakmem.api.os.NativeMemory;

/**
 * The mid classes and the 16 bytes in front of every mid block. Class 0 serves up to 1 KiB; above, four classes per
 * power of two (1280, 1536, 1792, 2048, 2560, ... 1 MiB usable bytes), so no request wastes more than a quarter of
 * its block. A block is its usable size plus the header, a multiple of 16, so every user address is 16-byte aligned.
 * After these {@link #CLASSES} come the aligned classes, {@link #POOL_CLASSES} in all: for each alignment from 32 B to
 * 4 KiB, the size classes up to {@link #MAX_ALIGNED_SIZE} again, their blocks a multiple of the alignment long and laid
 * out from {@link #firstOffset} so that every user address is a multiple of it.
 *
 * <pre>
 *   offset -16  long  reserved
 *   offset  -8  long  magic "HAKM" (bits 32-63) | address check (16-31) | class (8-15) | state (0-7)
 * </pre>
 *
 * The state byte is {@code 0xb0} (POOL, live) or {@code 0xbf} (free). The address check is bits 4 to 19 of the user
 * address itself, so a header copied to, or left behind at, another place does not pass for a block start there.
 * FrontGate reads it once {@link RegionTable} vouches that the address lies in a mid pool segment. Pure arithmetic,
 * plus the one flip on free; never decides where blocks live.
 */
public final class MidHeader {

    public static final long SIZE = 16;
    /** Where the tag word sits: right before the block, as the tiny header does, where an underflow hits first. */
    public static final long TAG_OFFSET = -8;
    /** The largest class's usable size. */
    public static final long MAX_CLASS_SIZE = 1024 * 1024;
    /** Class 0 and four per power of two from 1 KiB to {@link #MAX_CLASS_SIZE}. */
    public static final int CLASSES = classOf(MAX_CLASS_SIZE) + 1;
    /** The largest request an aligned class serves. */
    public static final long MAX_ALIGNED_SIZE = 32 * 1024;
    /** The alignments the aligned classes give: 32 B to 4 KiB (every mid block is 16-byte aligned anyway). */
    public static final long MIN_ALIGNMENT = 32;
    public static final long MAX_ALIGNMENT = 4096;
    private static final int ALIGNED_SIZES = classOf(MAX_ALIGNED_SIZE) + 1;
    private static final int ALIGNMENTS = Long.numberOfTrailingZeros(MAX_ALIGNMENT / MIN_ALIGNMENT) + 1;
    /** The plain classes, then {@link #MAX_ALIGNED_SIZE}'s classes once per alignment: what a class byte may hold. */
    public static final int POOL_CLASSES = CLASSES + ALIGNMENTS * ALIGNED_SIZES;

    private static final int LIVE = 0xb0;
    private static final int FREE = 0xbf;
    private static final long MAGIC_BITS = (long) BlockHeader.MAGIC << 32;
    /** The bits of a header that must match exactly: all but the class byte. */
    private static final long FIXED = ~0xFF00L;

    private MidHeader() {
    }

    /** The class serving {@code size} bytes (0 to {@link #MAX_CLASS_SIZE}). */
    public static int classOf(long size) {
        if (size <= 1024) {
            return 0;
        }
        int power = 63 - Long.numberOfLeadingZeros(size - 1);
        int quarter = (int) ((size - 1) >>> (power - 2)) & 3;
        return ((power - 10) << 2) + quarter + 1;
    }

    /**
     * The aligned class serving {@code size} bytes (up to {@link #MAX_ALIGNED_SIZE}) at {@code alignment}, a power of
     * two from {@link #MIN_ALIGNMENT} to {@link #MAX_ALIGNMENT}.
     */
    public static int alignedClassOf(long size, long alignment) {
        int step = Long.numberOfTrailingZeros(alignment / MIN_ALIGNMENT);
        return CLASSES + step * ALIGNED_SIZES + classOf(size);
    }

    /** What every user address of {@code sizeClass} is a multiple of: 16, or an aligned class's alignment. */
    public static long alignment(int sizeClass) {
        return sizeClass < CLASSES ? SIZE : MIN_ALIGNMENT << ((sizeClass - CLASSES) / ALIGNED_SIZES);
    }

    /** The bytes a user may write in a block of {@code sizeClass}. */
    public static long usableSize(int sizeClass) {
        return sizeClass < CLASSES ? plainUsableSize(sizeClass) : blockSize(sizeClass) - SIZE;
    }

    /** The block, header included: also the distance from one block of the class to the next. */
    public static long blockSize(int sizeClass) {
        if (sizeClass < CLASSES) {
            return plainUsableSize(sizeClass) + SIZE;
        }
        long alignment = alignment(sizeClass);
        long plain = plainUsableSize((sizeClass - CLASSES) % ALIGNED_SIZES) + SIZE;
        return (plain + alignment - 1) & -alignment;
    }

    /**
     * Where the first block of a span of {@code sizeClass} starts, from the span's (64 KiB-aligned) base: 0, or for an
     * aligned class its alignment less the header, so that the user addresses fall on multiples of the alignment.
     */
    public static long firstOffset(int sizeClass) {
        return alignment(sizeClass) - SIZE;
    }

    private static long plainUsableSize(int sizeClass) {
        if (sizeClass == 0) {
            return 1024;
        }
        int power = 10 + ((sizeClass - 1) >> 2);
        return (1L << power) + ((long) (((sizeClass - 1) & 3) + 1) << (power - 2));
    }

    /** The header of the live block of {@code sizeClass} at user address {@code address}. */
    public static long live(long address, int sizeClass) {
        return MAGIC_BITS | check(address) | ((long) sizeClass << 8) | LIVE;
    }

    /** The header of the freed block of {@code sizeClass} at user address {@code address}. */
    public static long free(long address, int sizeClass) {
        return MAGIC_BITS | check(address) | ((long) sizeClass << 8) | FREE;
    }

    /** The class of a live header read in front of {@code address}, or -1 if it is no live block's header there. */
    public static int liveClass(long address, long header) {
        int sizeClass = (int) (header >>> 8) & 0xFF;
        return (header & FIXED) == (MAGIC_BITS | check(address) | LIVE) && sizeClass < POOL_CLASSES ? sizeClass : -1;
    }

    /** Whether {@code header}, read in front of {@code address}, is that of a freed mid block. */
    public static boolean isFree(long address, long header) {
        return (header & FIXED) == (MAGIC_BITS | check(address) | FREE);
    }

    /**
     * The one step of every mid free: flips the header from live to free with a compare-and-set, so of two racing
     * frees of one block exactly one wins. False when it was not live. The caller must know that the address lies in
     * a mid pool segment.
     */
    public static boolean claim(long address, int sizeClass) {
        return NativeMemory.compareAndSetLong(address + TAG_OFFSET, live(address, sizeClass), free(address, sizeClass));
    }

    /**
     * The cheaper flip, for a pool told that no two threads free one block at the same instant: a plain read, then a
     * plain write. A double free at any other time is still refused; two racing frees of one block may both pass.
     */
    public static boolean claimUnshared(long address, int sizeClass) {
        if (NativeMemory.getLong(address + TAG_OFFSET) != live(address, sizeClass)) {
            return false;
        }
        NativeMemory.putLong(address + TAG_OFFSET, free(address, sizeClass));
        return true;
    }

    /** Marks a block live, as an allocation hands it out. */
    public static void markLive(long address, int sizeClass) {
        NativeMemory.putLong(address + TAG_OFFSET, live(address, sizeClass));
    }

    /** Marks a block free that was never handed out (a fresh block going into a cache). */
    public static void markFree(long address, int sizeClass) {
        NativeMemory.putLong(address + TAG_OFFSET, free(address, sizeClass));
    }

    private static long check(long address) {
        return ((address >>> 4) & 0xFFFF) << 16;
    }
}
