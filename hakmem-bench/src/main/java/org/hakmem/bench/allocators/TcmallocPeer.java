package org.hakmem.bench.allocators;

import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Peer "tcmalloc": gperftools' tcmalloc, tc_malloc, tc_free, tc_realloc and tc_memalign from libtcmalloc_minimal.so.4
 * (Debian: libtcmalloc-minimal4), through critical FFM downcalls.
 * Owns those four calls; never links them before {@link #requireLibrary()} has found the library.
 */
final class TcmallocPeer extends Peer {

    /** Linked on first use, so naming this class needs no library; static finals, so the JIT inlines the calls. */
    private static final class Calls {
        private static final SymbolLookup LIBRARY = requireLibrary();
        static final MethodHandle MALLOC = CriticalDowncall.malloc(LIBRARY, "tc_malloc");
        static final MethodHandle FREE = CriticalDowncall.free(LIBRARY, "tc_free");
        static final MethodHandle REALLOC = CriticalDowncall.twoArguments(LIBRARY, "tc_realloc");
        /** {@code tc_memalign(alignment, size)}; gperftools exports no tc_aligned_alloc. */
        static final MethodHandle MEMALIGN = CriticalDowncall.twoArguments(LIBRARY, "tc_memalign");
    }

    TcmallocPeer() {
        super("tcmalloc");
    }

    /** The library, or a {@link PeerUnavailableException} saying which package to install. */
    static SymbolLookup requireLibrary() {
        return CriticalDowncall.library("libtcmalloc_minimal.so.4", "libtcmalloc-minimal4");
    }

    @Override
    public long malloc(int slot, long size) {
        return callMalloc(Calls.MALLOC, "tc_malloc", size);
    }

    @Override
    public long realloc(int slot, long address, long newSize) {
        return callTwoArguments(Calls.REALLOC, "tc_realloc", address, newSize, newSize);
    }

    @Override
    public long alignedAlloc(int slot, long alignment, long size) {
        return callTwoArguments(Calls.MEMALIGN, "tc_memalign", alignment, size, size);
    }

    @Override
    public void free(int slot, long address) {
        callFree(Calls.FREE, "tc_free", address);
    }
}
