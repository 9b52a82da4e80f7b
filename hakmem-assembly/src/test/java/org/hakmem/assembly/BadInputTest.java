package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.hakmem.api.Allocator;
import org.hakmem.api.AllocatorStats;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.InvalidAddressException.Reason;
import org.hakmem.api.Mode;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input never crashes the JVM and never corrupts state: each case ends in a clear exception, and the allocator
 * keeps working. (Had hakmem read any of these addresses, the JVM would have died with SIGSEGV.)
 */
class BadInputTest {

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void addressesHakmemNeverReturnedAreRefused(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build();
             Arena arena = Arena.ofConfined()) {
            long javaOwned = arena.allocate(64, 16).address();
            for (long address : new long[] {0x10, 0x1000, 0x7fff_ffff_0000L, 0xdead_beef_0000L, -16L, javaOwned}) {
                var e = assertThrows(InvalidAddressException.class, () -> hakmem.free(address));
                assertEquals(Reason.FOREIGN, e.reason());
                assertTrue(e.getMessage().contains("free(0x" + Long.toHexString(address) + ")"), e.getMessage());
                assertTrue(e.getMessage().contains("not an address this allocator returned"), e.getMessage());
            }
            assertWorks(hakmem);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void interiorPointersAreNamedAndNothingIsFreed(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            for (long size : new long[] {64, 4096, 100_000, 3 << 20}) {
                long block = hakmem.malloc(size);
                NativeMemory.fill(block, size, (byte) 7);
                for (long offset : new long[] {8, 16, size / 2, size - 8, -8}) { // -8: inside every kind of header
                    var e = assertThrows(InvalidAddressException.class, () -> hakmem.free(block + offset));
                    assertEquals(Reason.INTERIOR_POINTER, e.reason(), e.getMessage());
                    assertTrue(e.getMessage().contains("0x" + Long.toHexString(block)), e.getMessage());
                }
                assertEquals(7, NativeMemory.getByte(block + size - 1), "block untouched");
                assertTrue(hakmem.usableSize(block) >= size, "block still live");
                hakmem.free(block);
            }
            assertEquals(0, hakmem.stats().bytesLive());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void aDoubleFreeIsNamedAsOne(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            for (long size : new long[] {16, 50_000, 2 << 20}) {
                long block = hakmem.malloc(size);
                hakmem.free(block);
                var e = assertThrows(InvalidAddressException.class, () -> hakmem.free(block));
                assertEquals(Reason.DOUBLE_FREE, e.reason());
                assertTrue(e.getMessage().contains("double free"), e.getMessage());
                var usable = assertThrows(InvalidAddressException.class, () -> hakmem.usableSize(block));
                assertEquals(Reason.DOUBLE_FREE, usable.reason());
                assertThrows(InvalidAddressException.class, () -> hakmem.realloc(block, 10));
            }
            assertWorks(hakmem);
        }
    }

    @Test
    void tenThousandRandomAddressesAreRefusedAndTheAllocatorKeepsWorking() {
        try (Allocator hakmem = Allocators.isolated(Mode.BALANCED).build()) {
            long[] live = new long[64];
            for (int i = 0; i < live.length; i++) {
                live[i] = hakmem.malloc(i * 1000L + 8);
                NativeMemory.putLong(live[i], i);
            }
            AllocatorStats before = hakmem.stats();
            SplittableRandom random = new SplittableRandom(42);
            int refused = 0;
            for (int i = 0; i < 10_000; i++) {
                // Half near live blocks (interior and neighbouring), half anywhere in the address space.
                long address = i % 2 == 0 ? live[random.nextInt(live.length)] + random.nextLong(-4096, 65536)
                        : random.nextLong(1, 1L << 47);
                if (isLiveStart(live, address)) {
                    continue;
                }
                assertThrows(InvalidAddressException.class, () -> hakmem.free(address));
                refused++;
            }
            assertTrue(refused > 9_900, "refused " + refused);
            assertEquals(before.bytesLive(), hakmem.stats().bytesLive(), "no live block was lost");
            for (int i = 0; i < live.length; i++) {
                assertEquals(i, NativeMemory.getLong(live[i]), "contents intact");
                hakmem.free(live[i]);
            }
            assertWorks(hakmem);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void anOverwrittenHeaderIsReportedAndTheBlockIsNotFreed(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            for (long size : new long[] {100, 4096, 100_000}) {
                long block = hakmem.malloc(size);
                long usable = hakmem.usableSize(block);
                // Every header's last 8 bytes sit right before the block: a buffer underflow from the block before.
                long saved = NativeMemory.getLong(block - 8);
                NativeMemory.putLong(block - 8, 0x4141_4141_4141_4141L);
                var e = assertThrows(InvalidAddressException.class, () -> hakmem.free(block));
                assertEquals(Reason.CORRUPT_HEADER, e.reason(), e.getMessage());
                NativeMemory.putLong(block - 8, saved);
                assertEquals(usable, hakmem.usableSize(block), "still live");
                hakmem.free(block);
            }
            assertEquals(0, hakmem.stats().bytesLive());
        }
    }

    @Test
    void outOfMemoryFromMmapIsAClearErrorAndTheAllocatorStaysUsable() throws Exception {
        // With overcommit "always" (1) the kernel would grant the mapping; the heuristic (0) and "never" (2) refuse it.
        Path overcommit = Path.of("/proc/sys/vm/overcommit_memory");
        Assumptions.assumeFalse(Files.exists(overcommit) && Files.readString(overcommit).trim().equals("1"));
        try (Allocator hakmem = Allocators.isolated(Mode.BALANCED).build()) {
            AllocatorStats before = hakmem.stats();
            var e = assertThrows(NativeOutOfMemoryError.class, () -> hakmem.malloc(1L << 45));
            assertTrue(e.getMessage().contains("mmap of"), e.getMessage());
            assertTrue(e.getMessage().contains("ENOMEM"), e.getMessage());
            assertEquals(before.bytesMapped(), hakmem.stats().bytesMapped());
            assertEquals(before.bytesLive(), hakmem.stats().bytesLive());
            assertWorks(hakmem);
        }
    }

    @Test
    void delegatePolicyHandsLibcBlocksToLibcFreeButNeverHakmemsOwn() {
        OsLayer libc = OsLayer.create();
        try (Allocator hakmem = Allocators.isolated(Mode.BALANCED)
                .set("HAKMEM_EXTERNAL_GUARD_POLICY", "delegate").set("HAKMEM_EXTERNAL_GUARD_MINCORE", "1").build()) {
            for (int i = 0; i < 100; i++) {
                long foreign = libc.malloc(64);
                hakmem.free(foreign); // a block a native library malloc'ed: handed to libc free
            }
            assertEquals(100, hakmem.stats().counter("externalguard", "delegated"));
            long own = hakmem.malloc(256);
            var interior = assertThrows(InvalidAddressException.class, () -> hakmem.free(own + 16));
            assertEquals(Reason.INTERIOR_POINTER, interior.reason());
            hakmem.free(own);
            var twice = assertThrows(InvalidAddressException.class, () -> hakmem.free(own));
            assertEquals(Reason.DOUBLE_FREE, twice.reason());
            var unmapped = assertThrows(InvalidAddressException.class, () -> hakmem.free(0x10_0000_0000L));
            assertTrue(unmapped.getMessage().contains("no memory is mapped there"), unmapped.getMessage());
            assertEquals(100, hakmem.stats().counter("externalguard", "delegated"));
        }
    }

    private static boolean isLiveStart(long[] live, long address) {
        for (long block : live) {
            if (block == address) {
                return true;
            }
        }
        return false;
    }

    private static void assertWorks(Allocator hakmem) {
        long small = hakmem.malloc(24);
        long large = hakmem.malloc(3 << 20);
        NativeMemory.putLong(small, 1);
        NativeMemory.putLong(large + (3 << 20) - 8, 2);
        hakmem.free(small);
        hakmem.free(large);
    }
}
