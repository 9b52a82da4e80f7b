package org.hakmem.api.os.unmap;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.hakmem.api.os.NativeAccess;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * munmap(2), and nothing else. This package is exported to {@code org.hakmem.box.batch} only:
 * "BigCache retains for warm reuse; on cold eviction, hand off to Batch; only Batch may munmap."
 * It never decides what to unmap; its one caller does, and counts the calls.
 */
public final class Munmap {

    private static final MethodHandle MUNMAP;

    static {
        NativeAccess.require();
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol = linker.defaultLookup().find("munmap")
                .orElseThrow(() -> new IllegalStateException("libc has no symbol munmap"));
        MUNMAP = linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
    }

    private Munmap() {
    }

    /**
     * Unmaps {@code [address, address + length)}.
     *
     * @throws IllegalStateException if the kernel refuses, which means the caller's bookkeeping is wrong
     */
    public static void unmap(long address, long length) {
        int result;
        try {
            result = (int) MUNMAP.invokeExact(address, length);
        } catch (Throwable t) {
            throw new IllegalStateException("munmap downcall failed", t);
        }
        if (result != 0) {
            throw new IllegalStateException("munmap(0x" + Long.toHexString(address) + ", " + length + ") failed");
        }
    }
}
