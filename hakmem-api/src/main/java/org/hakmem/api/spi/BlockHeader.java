package org.hakmem.api.spi;

import org.hakmem.api.os.NativeMemory;

/**
 * The 16 bytes in front of every block served from libc malloc or from its own mapping:
 *
 * <pre>
 *   offset 0  int   magic 0x48414B4D ("HAKM")
 *   offset 4  byte  ABI version
 *   offset 5  byte  method (MALLOC or MMAP; a cached mapping keeps MMAP)
 *   offset 6  byte  struct size (16)
 *   offset 7  byte  reserved, 0
 *   offset 8  long  usable size
 * </pre>
 *
 * It only formats and checks; it must be handed addresses {@link BlockTable} vouches for.
 */
public final class BlockHeader {

    public static final long SIZE = 16;
    public static final int MAGIC = 0x48414B4D;
    public static final byte ABI_VERSION = 1;
    public static final byte METHOD_MALLOC = 1;
    public static final byte METHOD_MMAP = 2;

    private static final long TAG_OFFSET = -SIZE;
    private static final long SIZE_OFFSET = -SIZE + 8;
    /** Bytes 4..7 of the header as one little-endian int: version, method, struct size, reserved. */
    private static final int TAG_LOW = ABI_VERSION | ((int) SIZE << 16);

    private BlockHeader() {
    }

    /** Writes the header in front of {@code user}. */
    public static void write(long user, byte method, long usableSize) {
        NativeMemory.putLong(user + TAG_OFFSET, tag(method));
        NativeMemory.putLong(user + SIZE_OFFSET, usableSize);
    }

    /** Whether the header in front of {@code user} is exactly what {@link #write} put there. */
    public static boolean isIntact(long user, byte method, long usableSize) {
        return NativeMemory.getLong(user + TAG_OFFSET) == tag(method)
                && NativeMemory.getLong(user + SIZE_OFFSET) == usableSize;
    }

    /** The usable size recorded in the header. */
    public static long usableSize(long user) {
        return NativeMemory.getLong(user + SIZE_OFFSET);
    }

    private static long tag(byte method) {
        long high = TAG_LOW | ((method & 0xFFL) << 8);
        return (MAGIC & 0xFFFF_FFFFL) | (high << 32);
    }
}
