package org.hakmem.bench.allocators;

import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Peer "mimalloc": Microsoft's mimalloc, mi_malloc and mi_free from libmimalloc.so.2 (Debian: libmimalloc2.0), through critical FFM downcalls.
 * Owns those two calls; never links them before {@link #requireLibrary()} has found the library.
 */
final class MimallocPeer extends Peer {

    /** Linked on first use, so naming this class needs no library; static finals, so the JIT inlines the calls. */
    private static final class Calls {
        private static final SymbolLookup LIBRARY = requireLibrary();
        static final MethodHandle MALLOC = CriticalDowncall.malloc(LIBRARY, "mi_malloc");
        static final MethodHandle FREE = CriticalDowncall.free(LIBRARY, "mi_free");
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
    public void free(int slot, long address) {
        callFree(Calls.FREE, "mi_free", address);
    }
}
