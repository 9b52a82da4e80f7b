package org.hakmem.box.superslab;

import org.hakmem.api.spi.TinyHeader;

/**
 * The tiny size classes: class c has blocks of {@code 8 << c} bytes, an 8-byte {@link TinyHeader} and the rest for
 * the user, so C2 (32 B) serves 16-byte requests and C3 (64 B) 32-byte ones, as in the C design. Pure arithmetic.
 */
final class TinyClasses {

    static final int COUNT = TinyHeader.CLASSES;
    /** The largest request: a C7 block of 1 KiB less its header. */
    static final long MAX_SIZE = usableSize(COUNT - 1);

    private TinyClasses() {
    }

    /** The class serving a request of {@code size} bytes (0 to {@link #MAX_SIZE}). */
    static int of(long size) {
        long need = size + TinyHeader.SIZE;
        return need <= 8 ? 0 : 61 - Long.numberOfLeadingZeros(need - 1);
    }

    static long blockSize(int sizeClass) {
        return 8L << sizeClass;
    }

    /** What the user may write: the block less its header. */
    static long usableSize(int sizeClass) {
        return blockSize(sizeClass) - TinyHeader.SIZE;
    }

    /** log2 of the block size, for index arithmetic. */
    static int blockShift(int sizeClass) {
        return 3 + sizeClass;
    }
}
