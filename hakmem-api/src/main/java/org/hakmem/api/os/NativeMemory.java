package org.hakmem.api.os;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Plain reads and writes of native memory by address, through one segment that spans the address space.
 * It checks nothing: callers must know an address is mapped before they touch it (FrontGate's job).
 */
public final class NativeMemory {

    private static final MemorySegment EVERYTHING;
    private static final java.lang.invoke.VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    static {
        NativeAccess.require();
        EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    }

    private NativeMemory() {
    }

    public static long getLong(long address) {
        return EVERYTHING.get(ValueLayout.JAVA_LONG_UNALIGNED, address);
    }

    public static void putLong(long address, long value) {
        EVERYTHING.set(ValueLayout.JAVA_LONG_UNALIGNED, address, value);
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
        return EVERYTHING.get(ValueLayout.JAVA_INT_UNALIGNED, address);
    }

    public static void putInt(long address, int value) {
        EVERYTHING.set(ValueLayout.JAVA_INT_UNALIGNED, address, value);
    }

    public static byte getByte(long address) {
        return EVERYTHING.get(ValueLayout.JAVA_BYTE, address);
    }

    public static void putByte(long address, byte value) {
        EVERYTHING.set(ValueLayout.JAVA_BYTE, address, value);
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
