package org.hakmem.bench.allocators;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Finds a C allocator's library and makes critical downcall handles for its malloc, free, realloc and aligned
 * allocation, the cheapest
 * way FFM can call C (no thread-state transition; the functions neither block nor call back into Java).
 * Owns library lookup and handle creation; never calls the handles it makes (see {@link Peer}).
 */
@SuppressWarnings("restricted") // linking C functions is what this class is for
final class CriticalDowncall {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    private CriticalDowncall() {
    }

    /** The C library itself (glibc's malloc and free). */
    static SymbolLookup libc() {
        return LINKER.defaultLookup();
    }

    /** A shared library by soname; a missing one is a {@link PeerUnavailableException} naming the package. */
    static SymbolLookup library(String soname, String debianPackage) {
        try {
            return SymbolLookup.libraryLookup(soname, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException missing) {
            throw new PeerUnavailableException(soname + " is not installed (Debian: apt-get install "
                    + debianPackage + ")", missing);
        }
    }

    /** {@code void *symbol(size_t)}, as a handle of type {@code (long)long}. */
    static MethodHandle malloc(SymbolLookup lookup, String symbol) {
        return LINKER.downcallHandle(find(lookup, symbol),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), CRITICAL);
    }

    /**
     * A function of two word-sized arguments that returns a block: {@code void *realloc(void *, size_t)},
     * {@code void *aligned_alloc(size_t, size_t)} and the like, as a handle of type {@code (long,long)long}.
     */
    static MethodHandle twoArguments(SymbolLookup lookup, String symbol) {
        return LINKER.downcallHandle(find(lookup, symbol),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), CRITICAL);
    }

    /** {@code void symbol(void *)}, as a handle of type {@code (long)void}. */
    static MethodHandle free(SymbolLookup lookup, String symbol) {
        return LINKER.downcallHandle(find(lookup, symbol), FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), CRITICAL);
    }

    private static MemorySegment find(SymbolLookup lookup, String symbol) {
        return lookup.find(symbol).orElseThrow(() -> new PeerUnavailableException("symbol " + symbol + " not found"));
    }
}
