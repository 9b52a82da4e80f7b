package org.hakmem.bench.allocators;

import java.lang.invoke.MethodHandle;

/**
 * Peer "glibc": the C library's own malloc, free, realloc and aligned_alloc, through critical FFM downcalls.
 * Owns those four calls.
 */
final class GlibcPeer extends Peer {

    /** Static finals, so the JIT inlines the downcalls. */
    private static final class Calls {
        static final MethodHandle MALLOC = CriticalDowncall.malloc(CriticalDowncall.libc(), "malloc");
        static final MethodHandle FREE = CriticalDowncall.free(CriticalDowncall.libc(), "free");
        static final MethodHandle REALLOC = CriticalDowncall.twoArguments(CriticalDowncall.libc(), "realloc");
        /** glibc takes any size here, not only multiples of the alignment as C11 asks. */
        static final MethodHandle ALIGNED_ALLOC =
                CriticalDowncall.twoArguments(CriticalDowncall.libc(), "aligned_alloc");
    }

    GlibcPeer() {
        super("glibc");
    }

    @Override
    public long malloc(int slot, long size) {
        return callMalloc(Calls.MALLOC, "malloc", size);
    }

    @Override
    public long realloc(int slot, long address, long newSize) {
        return callTwoArguments(Calls.REALLOC, "realloc", address, newSize, newSize);
    }

    @Override
    public long alignedAlloc(int slot, long alignment, long size) {
        return callTwoArguments(Calls.ALIGNED_ALLOC, "aligned_alloc", alignment, size, size);
    }

    @Override
    public void free(int slot, long address) {
        callFree(Calls.FREE, "free", address);
    }
}
