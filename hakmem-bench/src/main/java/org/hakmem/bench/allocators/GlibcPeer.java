package org.hakmem.bench.allocators;

import java.lang.invoke.MethodHandle;

/**
 * Peer "glibc": the C library's own malloc and free, through critical FFM downcalls. Owns those two calls.
 */
final class GlibcPeer extends Peer {

    /** Static finals, so the JIT inlines the downcalls. */
    private static final class Calls {
        static final MethodHandle MALLOC = CriticalDowncall.malloc(CriticalDowncall.libc(), "malloc");
        static final MethodHandle FREE = CriticalDowncall.free(CriticalDowncall.libc(), "free");
    }

    GlibcPeer() {
        super("glibc");
    }

    @Override
    public long malloc(int slot, long size) {
        return callMalloc(Calls.MALLOC, "malloc", size);
    }

    @Override
    public void free(int slot, long address) {
        callFree(Calls.FREE, "free", address);
    }
}
