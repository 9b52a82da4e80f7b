package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hakmem.api.Allocator;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.Mode;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.TinyHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The C semantics users rely on, in the two complete modes. */
class PipelineTest {

    private static final long[] SIZES = {0, 1, 7, 8, 15, 16, 17, 31, 32, 100, 1000, 1024, 1025, 4096, 8191, 32768,
        32769, 65536, 100_000, 1 << 20, (1 << 20) + 1, 2 << 20, 5_000_000};

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void everySizeIsWritableAlignedAndReportsItsUsableSize(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            for (long size : SIZES) {
                long address = hakmem.malloc(size);
                assertNotEquals(0, address, "malloc(" + size + ")");
                assertEquals(0, address % 8, "alignment of malloc(" + size + ")");
                assertTrue(hakmem.usableSize(address) >= size, "usableSize >= " + size);
                NativeMemory.fill(address, size, (byte) 0x5A);
                for (long i = 0; i < size; i += 4093) {
                    assertEquals(0x5A, NativeMemory.getByte(address + i));
                }
                hakmem.free(address);
            }
            assertEquals(0, hakmem.stats().bytesLive());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void mallocZeroReturnsUniqueFreeableAddresses(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            Set<Long> seen = new HashSet<>();
            long[] zeros = new long[100];
            for (int i = 0; i < zeros.length; i++) {
                zeros[i] = hakmem.malloc(0);
                assertTrue(seen.add(zeros[i]), "malloc(0) returned the same address twice");
            }
            for (long zero : zeros) {
                hakmem.free(zero);
            }
            hakmem.free(0); // a no-op, as in C
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"BALANCED", "FAST"})
    void mallocZeroBlocksWhoseAddressIsTheNextRegionsStartAreFreedLikeAnyOther(Mode mode) {
        // The tiny pool's C0 blocks are a header and nothing else: the last one of a SuperSlab (2 MiB of them) hands
        // out the address just past it, which lies in the next region, hakmem's or not.
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            long[] zeros = new long[(int) (2 * RegionTable.REGION_SIZE / TinyHeader.SIZE)];
            int regionStarts = 0;
            for (int i = 0; i < zeros.length; i++) {
                zeros[i] = hakmem.malloc(0);
                if ((zeros[i] & (RegionTable.REGION_SIZE - 1)) == 0) {
                    regionStarts++;
                    assertEquals(0, hakmem.usableSize(zeros[i]));
                }
            }
            assertTrue(regionStarts > 0, "no C0 block ended a SuperSlab");
            for (long zero : zeros) {
                hakmem.free(zero);
            }
            assertEquals(0, hakmem.stats().bytesLive());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void callocZeroesAndChecksOverflow(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            // Dirty a big block first so that a cached mapping would show garbage if calloc did not zero it.
            long dirty = hakmem.malloc(3 << 20);
            NativeMemory.fill(dirty, 3 << 20, (byte) 0xFF);
            hakmem.free(dirty);
            for (long count : new long[] {1, 10, 3 << 20}) {
                long address = hakmem.calloc(count, 1);
                for (long i = 0; i < count; i += 511) {
                    assertEquals(0, NativeMemory.getByte(address + i), "calloc byte " + i);
                }
                hakmem.free(address);
            }
            var e = assertThrows(IllegalArgumentException.class, () -> hakmem.calloc(Long.MAX_VALUE / 2, 3));
            assertTrue(e.getMessage().contains("overflows"), e.getMessage());
        }
    }

    /**
     * A pool at its limit of SuperSlabs or segments hands the requests it cannot take to the paths below: the
     * allocator keeps serving while memory is there, every block stays distinct, writable and freeable.
     */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"BALANCED", "FAST"})
    void poolsAtTheirLimitLeaveTheRequestsTheyCannotTakeToThePathsBelow(Mode mode) {
        try (Pipeline hakmem = (Pipeline) Allocators.isolated(mode).set("HAKMEM_TINY_MAX_SUPERSLABS", "1")
                .set("HAKMEM_MID_MAX_SEGMENTS", "1").build()) {
            Set<String> owners = new HashSet<>();
            List<Long> blocks = new ArrayList<>();
            // 70 000 blocks of 16 B (C2, which the fronts refill in batches) and 3 MiB of 512-byte blocks outgrow
            // one 2 MiB SuperSlab; 24 blocks of 256 KiB outgrow one segment.
            for (long[] request : new long[][] {{16, 70_000}, {512, 6 * 1024}, {256 * 1024, 24}}) {
                for (int i = 0; i < request[1]; i++) {
                    long block = hakmem.malloc(request[0]);
                    NativeMemory.fill(block, request[0], (byte) i);
                    owners.add(hakmem.ownerOf(block));
                    blocks.add(block);
                }
            }
            assertEquals(Set.of("tinypool", "midpool", "malloc", "mapped"), owners,
                    "each pool served until its limit, the paths below the rest");
            assertEquals(blocks.size(), new HashSet<>(blocks).size(), "distinct blocks");
            for (long block : blocks) {
                hakmem.free(block);
            }
            assertEquals(0, hakmem.stats().bytesLive(), "no block lost where a pool met its limit");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"BALANCED", "FAST"})
    void alignedRequestsUpToFourKiBAndThirtyTwoKiBComeFromTheMidPool(Mode mode) {
        try (Pipeline hakmem = (Pipeline) Allocators.isolated(mode).build()) {
            long[][] cases = {{64, 16}, {64, 100}, {32, 5000}, {4096, 5000}, {128, 32 * 1024}, {8192, 100},
                {64, 40_000}};
            List<Long> blocks = new ArrayList<>();
            for (long[] request : cases) {
                long alignment = request[0];
                long size = request[1];
                long block = hakmem.alignedAlloc(alignment, size);
                assertEquals(0, block % alignment, size + " B at " + alignment);
                String owner = hakmem.ownerOf(block);
                if (alignment <= 4096 && size <= 32 * 1024) {
                    assertEquals("midpool", owner, size + " B at " + alignment);
                } else {
                    assertNotEquals("midpool", owner, size + " B at " + alignment);
                }
                assertTrue(hakmem.usableSize(block) >= size);
                NativeMemory.fill(block, size, (byte) 7);
                blocks.add(block);
            }
            long interior = blocks.get(1) + 64;
            assertThrows(InvalidAddressException.class, () -> hakmem.free(interior));
            for (long block : blocks) {
                hakmem.free(block);
            }
            long first = blocks.getFirst();
            var twice = assertThrows(InvalidAddressException.class, () -> hakmem.free(first));
            assertEquals(InvalidAddressException.Reason.DOUBLE_FREE, twice.reason(), twice.getMessage());
            assertEquals(0, hakmem.stats().bytesLive());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"BALANCED", "FAST"})
    void reallocStaysInPlaceWithinAPooledClassAndMovesAcrossBoxesWithTheContents(Mode mode) {
        try (Pipeline hakmem = (Pipeline) Allocators.isolated(mode).build()) {
            long address = hakmem.malloc(1100); // mid class of 1280 usable bytes
            NativeMemory.fill(address, 1100, (byte) 0x3C);
            assertEquals(address, hakmem.realloc(address, 1280), "grows in place up to its class's usable size");
            assertEquals(address, hakmem.realloc(address, 700), "shrinks in place down to half of it");
            long moved = hakmem.realloc(address, 200); // smaller than half: into the tiny pool
            assertEquals("tinypool", hakmem.ownerOf(moved));
            long grown = hakmem.realloc(moved, 20_000); // and back up into the mid pool
            assertEquals("midpool", hakmem.ownerOf(grown));
            long mapped = hakmem.realloc(grown, 2 << 20);
            assertEquals("mapped", hakmem.ownerOf(mapped));
            for (int i = 0; i < 200; i++) {
                assertEquals((byte) 0x3C, NativeMemory.getByte(mapped + i), "byte " + i + " survived every move");
            }
            hakmem.free(mapped);
            assertEquals(0, hakmem.stats().bytesLive());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void reallocKeepsContentsWhileGrowingAndShrinking(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            long address = hakmem.realloc(0, 10); // realloc(0, n) is malloc(n)
            byte[] pattern = new byte[10];
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) (i * 7 + 1);
                NativeMemory.putByte(address + i, pattern[i]);
            }
            for (long size : new long[] {100, 5000, 40_000, 3 << 20, 64, 12}) {
                address = hakmem.realloc(address, size);
                byte[] seen = new byte[10];
                for (int i = 0; i < seen.length; i++) {
                    seen[i] = NativeMemory.getByte(address + i);
                }
                assertArrayEquals(pattern, seen, "contents after realloc to " + size);
                assertTrue(hakmem.usableSize(address) >= size);
            }
            hakmem.free(address);
            assertEquals(0, hakmem.stats().bytesLive());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void alignedAllocTakesAnyPowerOfTwo(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            for (int shift = 0; shift <= 22; shift++) {
                long alignment = 1L << shift;
                for (long size : new long[] {1, 100, 70_000}) {
                    long address = hakmem.alignedAlloc(alignment, size);
                    assertEquals(0, address % alignment, "alignedAlloc(" + alignment + ", " + size + ")");
                    assertEquals(0, address % 8);
                    NativeMemory.fill(address, size, (byte) 1);
                    hakmem.free(address);
                }
            }
            for (long bad : new long[] {0, -8, 3, 24, 1000}) {
                var e = assertThrows(IllegalArgumentException.class, () -> hakmem.alignedAlloc(bad, 64));
                assertTrue(e.getMessage().contains("power of two"), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void segmentsComeAlignedAndGoBackThroughFree(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            MemorySegment segment = hakmem.allocate(ValueLayout.JAVA_LONG, 100);
            assertEquals(800, segment.byteSize());
            assertEquals(0, segment.address() % 8);
            segment.setAtIndex(ValueLayout.JAVA_LONG, 99, 42L);
            assertEquals(42L, segment.getAtIndex(ValueLayout.JAVA_LONG, 99));
            MemorySegment page = hakmem.allocate(8192, 4096);
            assertEquals(0, page.address() % 4096);
            hakmem.free(segment);
            hakmem.free(page);
            assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(16, 3));
            assertEquals(0, hakmem.stats().bytesLive());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void negativeAndAbsurdSizesAreRefused(Mode mode) {
        try (Allocator hakmem = Allocators.isolated(mode).build()) {
            for (long size : new long[] {-1, Long.MIN_VALUE, (1L << 46) + 1, Long.MAX_VALUE}) {
                var e = assertThrows(IllegalArgumentException.class, () -> hakmem.malloc(size));
                assertTrue(e.getMessage().contains("malloc(" + size + ")"), e.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> hakmem.calloc(-1, 8));
            long address = hakmem.malloc(8);
            assertThrows(IllegalArgumentException.class, () -> hakmem.realloc(address, -5));
            hakmem.free(address);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void closeReturnsEveryMappedByteAndRefusesFurtherUse(Mode mode) {
        Allocator hakmem = Allocators.isolated(mode).build();
        long[] live = new long[20];
        for (int i = 0; i < live.length; i++) {
            live[i] = hakmem.malloc(i % 2 == 0 ? 100 : (1 << 20) * (i % 5 + 1));
        }
        for (int i = 0; i < live.length; i += 3) {
            hakmem.free(live[i]); // some go to BigCache or Batch, the rest stay live until close
        }
        hakmem.close();
        var stats = hakmem.stats();
        assertEquals(0, stats.bytesMapped(), "bytes mapped after close");
        assertEquals(0, stats.bytesLive(), "bytes live after close");
        assertThrows(IllegalStateException.class, () -> hakmem.malloc(8));
        hakmem.close(); // idempotent
    }
}
