package org.hakmem.bench.allocators;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Peer "unsafe": {@code sun.misc.Unsafe.allocateMemory/reallocateMemory/freeMemory}, the off-heap API hakmem is meant
 * to replace. Bound method handles in static finals compile to the same code as direct calls, without tying this build
 * to a class the JDK is removing. Unsafe has no aligned allocation, so this peer emulates it as an Unsafe user must:
 * it over-allocates by the alignment, hands out the first aligned address inside, and remembers the real base in the
 * block's slot, an O(1) store that free looks up (every free pays that one array load).
 * Owns those calls and the bases; never touches the memory.
 */
final class UnsafePeer extends Peer {

    /** Resolved on first use; a JVM that hides Unsafe fails here, and the runner skips the peer. */
    private static final class Calls {
        static final MethodHandle ALLOCATE;
        static final MethodHandle REALLOCATE;
        static final MethodHandle FREE;

        static {
            try {
                Class<?> type = Class.forName("sun.misc.Unsafe");
                Field instance = type.getDeclaredField("theUnsafe");
                instance.setAccessible(true);
                Object unsafe = instance.get(null);
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                ALLOCATE = lookup.findVirtual(type, "allocateMemory", MethodType.methodType(long.class, long.class))
                        .bindTo(unsafe);
                REALLOCATE = lookup.findVirtual(type, "reallocateMemory",
                        MethodType.methodType(long.class, long.class, long.class)).bindTo(unsafe);
                FREE = lookup.findVirtual(type, "freeMemory", MethodType.methodType(void.class, long.class))
                        .bindTo(unsafe);
            } catch (ReflectiveOperationException | RuntimeException hidden) {
                throw new PeerUnavailableException("sun.misc.Unsafe is not reachable on this JVM", hidden);
            }
        }
    }

    /** The base allocateMemory returned for each slot's aligned block; 0 where the slot's block is not one. */
    private final long[] alignedBases;

    UnsafePeer(int slots) {
        super("unsafe");
        alignedBases = new long[slots];
    }

    @Override
    public long malloc(int slot, long size) {
        return callMalloc(Calls.ALLOCATE, "Unsafe.allocateMemory", size);
    }

    @Override
    public long realloc(int slot, long address, long newSize) {
        return callTwoArguments(Calls.REALLOCATE, "Unsafe.reallocateMemory", address, newSize, newSize);
    }

    /** Emulated: allocateMemory(size + alignment - 1), rounded up to the alignment; the base is kept for free. */
    @Override
    public long alignedAlloc(int slot, long alignment, long size) {
        long base = callMalloc(Calls.ALLOCATE, "Unsafe.allocateMemory", size + alignment - 1);
        alignedBases[slot] = base;
        return (base + alignment - 1) & -alignment;
    }

    @Override
    public void free(int slot, long address) {
        long base = alignedBases[slot];
        if (base != 0) {
            alignedBases[slot] = 0;
            address = base;
        }
        callFree(Calls.FREE, "Unsafe.freeMemory", address);
    }
}
