package org.hakmem.api.os;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Plain reads and writes of native memory by address, through one segment that spans the address space.
 * It checks nothing: callers must know an address is mapped before they touch it (FrontGate's job).
 */
public final class NativeMemory {

    private static final MemorySegment EVERYTHING;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    /*
     * The plain accessors go through these handles, not through MemorySegment.get(layout, offset): one call level
     * less. C2 inlines at most 15 levels (MaxInlineLevel) and the JDK's segment access takes about 7 of them below
     * this class, so in a deep fast path a check of the JDK's was left out of line on every access (mid 1.16x faster
     * side by side with the handles, README).
     */
    private static final VarHandle LONG_UNALIGNED = ValueLayout.JAVA_LONG_UNALIGNED.varHandle();
    private static final VarHandle INT_UNALIGNED = ValueLayout.JAVA_INT_UNALIGNED.varHandle();
    private static final VarHandle BYTE = ValueLayout.JAVA_BYTE.varHandle();

    static {
        NativeAccess.require();
        EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    }

    private NativeMemory() {
    }

    public static long getLong(long address) {
        return (long) LONG_UNALIGNED.get(EVERYTHING, address);
    }

    public static void putLong(long address, long value) {
        LONG_UNALIGNED.set(EVERYTHING, address, value);
    }

    /** Atomically sets the 8-byte aligned long at {@code address} to {@code value} if it holds {@code expected}. */
    public static boolean compareAndSetLong(long address, long expected, long value) {
        return LONG.compareAndSet(EVERYTHING, address, expected, value);
    }

    /** A volatile read of the 8-byte aligned long at {@code address}. */
    public static long getLongVolatile(long address) {
        return (long) LONG.getVolatile(EVERYTHING, address);
    }

    public static int getInt(long address) {
        return (int) INT_UNALIGNED.get(EVERYTHING, address);
    }

    public static void putInt(long address, int value) {
        INT_UNALIGNED.set(EVERYTHING, address, value);
    }

    public static byte getByte(long address) {
        return (byte) BYTE.get(EVERYTHING, address);
    }

    public static void putByte(long address, byte value) {
        BYTE.set(EVERYTHING, address, value);
    }

    /** Sets {@code length} bytes from {@code address} to {@code value}. */
    public static void fill(long address, long length, byte value) {
        EVERYTHING.asSlice(address, length).fill(value);
    }

    /** Copies {@code length} bytes; the ranges may overlap. */
    public static void copy(long from, long to, long length) {
        MemorySegment.copy(EVERYTHING, from, EVERYTHING, to, length);
    }

    /** A segment over {@code [address, address + size)} in the global scope. */
    public static MemorySegment segment(long address, long size) {
        return MemorySegment.ofAddress(address).reinterpret(size);
    }
}
