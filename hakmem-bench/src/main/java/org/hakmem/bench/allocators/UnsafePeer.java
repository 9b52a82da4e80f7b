package org.hakmem.bench.allocators;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Peer "unsafe": {@code sun.misc.Unsafe.allocateMemory/freeMemory}, the off-heap API hakmem is meant to replace.
 * Bound method handles in static finals compile to the same code as direct calls, without tying this build to a
 * class the JDK is removing. Owns those two calls; never touches the memory.
 */
final class UnsafePeer extends Peer {

    /** Resolved on first use; a JVM that hides Unsafe fails here, and the runner skips the peer. */
    private static final class Calls {
        static final MethodHandle ALLOCATE;
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
                FREE = lookup.findVirtual(type, "freeMemory", MethodType.methodType(void.class, long.class))
                        .bindTo(unsafe);
            } catch (ReflectiveOperationException | RuntimeException hidden) {
                throw new PeerUnavailableException("sun.misc.Unsafe is not reachable on this JVM", hidden);
            }
        }
    }

    UnsafePeer() {
        super("unsafe");
    }

    @Override
    public long malloc(int slot, long size) {
        return callMalloc(Calls.ALLOCATE, "Unsafe.allocateMemory", size);
    }

    @Override
    public void free(int slot, long address) {
        callFree(Calls.FREE, "Unsafe.freeMemory", address);
    }
}
