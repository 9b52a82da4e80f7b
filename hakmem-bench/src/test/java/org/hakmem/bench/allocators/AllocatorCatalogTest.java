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
