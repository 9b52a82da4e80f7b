package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hakmem.api.Allocator;
import org.hakmem.api.Mode;
import org.hakmem.api.os.NativeMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Owns the promise that no size falls between Boxes: in every mode, every size from 0 to 64 KiB and a sample of sizes
 * up to 64 MiB is served by exactly the part the mode's routing table below names (the C design once let 1-8 KiB
 * fall through to mmap). Each block is written whole, asked who owns it, and freed.
 */
class SizeOwnershipTest {

    private static final long TINY_MAX = 1016;
    /** Up to here the mid pool serves when it is on; without it, the malloc path ends at 32 KiB. */
    private static final long MID_MAX = 1024 * 1024;
    private static final long MALLOC_MAX = 32 * 1024;
    private static final long WALKED = 64 * 1024;
    private static final long SAMPLED = 64L << 20;

    /** The routing each mode promises: the owner of every size up to the range's end, in increasing order. */
    private record Range(long last, String owner) {
    }

    private static List<Range> routing(Mode mode) {
        return switch (mode) {
            case MINIMAL -> List.of(new Range(SAMPLED, "malloc"));
            case FAST, BALANCED -> List.of(new Range(TINY_MAX, "tinypool"), new Range(MID_MAX, "midpool"),
                    new Range(SAMPLED, "mapped"));
            case LEARNING, RESEARCH -> List.of(new Range(MALLOC_MAX, "malloc"), new Range(SAMPLED, "mapped"));
        };
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everySizeHasExactlyTheOwnerItsModePromises(Mode mode) {
        List<Range> routing = routing(mode);
        List<String> wrong = new ArrayList<>();
        try (Pipeline hakmem = (Pipeline) Allocators.isolated(mode).build()) {
            for (long size = 0; size <= WALKED; size++) {
                check(hakmem, size, routing, wrong);
            }
            SplittableRandom random = new SplittableRandom(mode.ordinal());
            for (int i = 0; i < 200; i++) {
                check(hakmem, WALKED + 1 + (long) (Math.pow(random.nextDouble(), 3) * (SAMPLED - WALKED)), routing,
                        wrong);
            }
            for (Range range : routing) {
                check(hakmem, range.last, routing, wrong);
                check(hakmem, Math.min(range.last + 1, SAMPLED), routing, wrong); // the first size of the next range
            }
            assertEquals(0, hakmem.stats().bytesLive(), "every block was freed");
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " sizes misrouted");
    }

    private static void check(Pipeline hakmem, long size, List<Range> routing, List<String> wrong) {
        String expected = routing.stream().filter(range -> size <= range.last).findFirst()
                .map(Range::owner).orElseThrow();
        long address = hakmem.malloc(size);
        NativeMemory.fill(address, Math.max(size, 1), (byte) 0x5A);
        assertTrue(hakmem.usableSize(address) >= size, "usableSize of a " + size + "-byte block");
        String owner = hakmem.ownerOf(address);
        if (!expected.equals(owner) && wrong.size() < 100) {
            wrong.add(size + " B: " + owner + ", expected " + expected);
        }
        hakmem.free(address);
    }
}
