package org.hakmem.bench.allocators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every allocator the benchmarks drive mallocs, takes writes and frees through the bench's own interface, the way a
 * JMH fork does, without running JMH. Only mimalloc and tcmalloc may be missing (their libraries are optional).
 */
class AllocatorCatalogTest {

    static List<String> names() {
        return AllocatorCatalog.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void mallocWriteFree(String name) {
        BenchAllocator allocator = open(name);
        try (allocator) {
            assertEquals(name, allocator.name());
            long[] sizes = {16, 1040, 40_000, 2L << 20};
            long[] addresses = new long[sizes.length];
            for (int slot = 0; slot < sizes.length; slot++) {
                addresses[slot] = allocator.malloc(slot, sizes[slot]);
                assertNotEquals(0, addresses[slot], name + " returned NULL");
                assertEquals(0, addresses[slot] & 7, name + " returned a misaligned block");
                Touch.everyPage(addresses[slot], sizes[slot], (byte) (slot + 1));
            }
            for (int slot = 0; slot < sizes.length; slot++) {
                assertEquals(slot + 1, Touch.read(addresses[slot]), name + " lost the first byte of slot " + slot);
                assertEquals(slot + 1, Touch.read(addresses[slot] + sizes[slot] - 1), name + " lost the last byte");
                allocator.free(slot, addresses[slot]);
            }
            CounterSnapshot counters = allocator.counters();
            assertTrue(counters.minorFaults() > 0, "minor faults are read from getrusage");
            assertEquals(AllocatorCatalog.isHakmem(name), allocator.reportsSyscalls());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void reallocKeepsTheContentsWhileTheBlockGrows(String name) {
        try (BenchAllocator allocator = open(name)) {
            long size = 16;
            long address = allocator.malloc(0, size);
            Touch.everyByte(address, size, (byte) 7);
            while (size < 64 * 1024) {
                long grown = size * 2;
                address = allocator.realloc(0, address, grown);
                assertNotEquals(0, address, name + " returned NULL");
                assertEquals(7, Touch.read(address + size - 1), name + " lost the old last byte growing to " + grown);
                Touch.everyByte(address + size, grown - size, (byte) 7);
                size = grown;
            }
            address = allocator.realloc(0, address, 100);
            assertEquals(7, Touch.read(address + 99), name + " lost a byte shrinking");
            allocator.free(0, address);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void alignedAllocHonoursTheAlignment(String name) {
        try (BenchAllocator allocator = open(name)) {
            long[] alignments = {16, 64, 4096, 64 * 1024};
            long[] addresses = new long[alignments.length];
            for (int slot = 0; slot < alignments.length; slot++) {
                long size = 100 + 1000L * slot;
                addresses[slot] = allocator.alignedAlloc(slot, alignments[slot], size);
                assertEquals(0, addresses[slot] & (alignments[slot] - 1),
                        name + " missed alignment " + alignments[slot]);
                Touch.everyByte(addresses[slot], size, (byte) slot);
            }
            for (int slot = 0; slot < alignments.length; slot++) {
                allocator.free(slot, addresses[slot]);
            }
            // A slot that held an aligned block takes a plain one again, and free still finds the right base.
            long plain = allocator.malloc(2, 64);
            Touch.first(plain, (byte) 1);
            allocator.free(2, plain);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void selfCheckPassesOrSaysWhy(String name) {
        try {
            AllocatorCatalog.selfCheck(name);
        } catch (PeerUnavailableException unavailable) {
            assumeOptional(name, unavailable);
        }
    }

    private static BenchAllocator open(String name) {
        try {
            return AllocatorCatalog.open(name, 4);
        } catch (PeerUnavailableException unavailable) {
            assumeOptional(name, unavailable);
            throw unavailable;
        }
    }

    /** Skips the test for a peer whose library is optional; any other peer must be there. */
    private static void assumeOptional(String name, PeerUnavailableException unavailable) {
        if (!List.of("mimalloc", "tcmalloc").contains(name)) {
            throw unavailable;
        }
        Assumptions.abort(unavailable.getMessage());
    }
}
