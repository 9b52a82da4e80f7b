package org.hakmem.bench.allocators;

import java.lang.invoke.MethodHandle;

/**
 * What every peer (every allocator that is not hakmem) shares: a name, faults-only counters, nothing to close
 * unless it keeps objects, and the guarded calls through a malloc, free, realloc or aligned-allocation method handle.
 * Owns that shared behaviour; never holds a method handle itself: each subclass keeps its own in static finals,
 * which stay constants when these small methods are inlined, so the JIT compiles the call exactly as it would in a
 * program that uses that allocator directly.
 */
abstract class Peer implements BenchAllocator {

    private final String name;

    Peer(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final CounterSnapshot counters() {
        return ProcessFaults.snapshot();
    }

    @Override
    public final boolean reportsSyscalls() {
        return false;
    }

    @Override
    public void close() {
        // C allocators and Unsafe keep their arenas for the life of the process, as they would in any program.
    }

    /** Calls a {@code (long)long} malloc; NULL is an OutOfMemoryError, since the benchmark would write through it. */
    final long callMalloc(MethodHandle malloc, String function, long size) {
        long address;
        try {
            address = (long) malloc.invokeExact(size);
        } catch (OutOfMemoryError oom) {
            throw oom;
        } catch (Throwable t) {
            throw new AssertionError(name + ": " + function + " failed", t);
        }
        if (address == 0) {
            throw new OutOfMemoryError(name + ": " + function + " returned NULL for " + size + " bytes");
        }
        return address;
    }

    /**
     * Calls a {@code (long,long)long} function that returns a block of {@code size} bytes (realloc, aligned_alloc,
     * ...); NULL is an OutOfMemoryError, as for malloc.
     */
    final long callTwoArguments(MethodHandle function, String functionName, long first, long second, long size) {
        long address;
        try {
            address = (long) function.invokeExact(first, second);
        } catch (OutOfMemoryError oom) {
            throw oom;
        } catch (Throwable t) {
            throw new AssertionError(name + ": " + functionName + " failed", t);
        }
        if (address == 0) {
            throw new OutOfMemoryError(name + ": " + functionName + " returned NULL for " + size + " bytes");
        }
        return address;
    }

    /** Calls a {@code (long)void} free. */
    final void callFree(MethodHandle free, String function, long address) {
        try {
            free.invokeExact(address);
        } catch (Throwable t) {
            throw new AssertionError(name + ": " + function + " failed", t);
        }
    }
}
