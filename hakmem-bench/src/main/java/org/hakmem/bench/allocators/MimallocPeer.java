package org.hakmem.bench.allocators;

import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Peer "mimalloc": Microsoft's mimalloc, mi_malloc, mi_free, mi_realloc and mi_malloc_aligned from libmimalloc.so.2
 * (Debian: libmimalloc2.0), through critical FFM downcalls.
 * Owns those four calls; never links them before {@link #requireLibrary()} has found the library.
 */
final class MimallocPeer extends Peer {

    /** Linked on first use, so naming this class needs no library; static finals, so the JIT inlines the calls. */
    private static final class Calls {
        private static final SymbolLookup LIBRARY = requireLibrary();
        static final MethodHandle MALLOC = CriticalDowncall.malloc(LIBRARY, "mi_malloc");
        static final MethodHandle FREE = CriticalDowncall.free(LIBRARY, "mi_free");
        static final MethodHandle REALLOC = CriticalDowncall.twoArguments(LIBRARY, "mi_realloc");
        /** {@code mi_malloc_aligned(size, alignment)}: the size comes first. */
        static final MethodHandle MALLOC_ALIGNED = CriticalDowncall.twoArguments(LIBRARY, "mi_malloc_aligned");
    }

    MimallocPeer() {
        super("mimalloc");
    }

    /** The library, or a {@link PeerUnavailableException} saying which package to install. */
    static SymbolLookup requireLibrary() {
        return CriticalDowncall.library("libmimalloc.so.2", "libmimalloc2.0");
    }

    @Override
    public long malloc(int slot, long size) {
        return callMalloc(Calls.MALLOC, "mi_malloc", size);
    }

    @Override
    public long realloc(int slot, long address, long newSize) {
        return callTwoArguments(Calls.REALLOC, "mi_realloc", address, newSize, newSize);
    }

    @Override
    public long alignedAlloc(int slot, long alignment, long size) {
        return callTwoArguments(Calls.MALLOC_ALIGNED, "mi_malloc_aligned", size, alignment, size);
    }

    @Override
    public void free(int slot, long address) {
        callFree(Calls.FREE, "mi_free", address);
    }
}
