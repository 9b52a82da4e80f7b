package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hakmem.api.Allocator;
import org.hakmem.api.Mode;
import org.hakmem.api.os.OsLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HAKMEM_THP_POOLS as the kernel sees it: the pools' 2 MiB regions carry MADV_HUGEPAGE ("hg" in /proc/self/smaps). */
class HugePagesTest {

    private static final long TINY = 16;
    private static final long MID = 4096;

    @Test
    void fastPutsTheTinyAndMidPoolsOnHugePagesWhenTheKernelOffersThem() throws IOException {
        assumeTrue(OsLayer.create().transparentHugePageSize() > 0, "this kernel has transparent huge pages off");
        try (Allocator allocator = Allocators.isolated(Mode.FAST).build()) {
            for (long size : new long[] {TINY, MID}) {
                long block = allocator.malloc(size);
                String flags = vmFlags(block);
                assertTrue(flags.contains(" hg"), size + "-byte block's mapping: " + flags);
                allocator.free(block);
            }
        }
    }

    /** BALANCED keeps RSS down; in FAST, either switch turns them off. */
    @ParameterizedTest
    @CsvSource({"BALANCED, HAKMEM_MODE, balanced", "FAST, HAKMEM_THP_POOLS, 0", "FAST, HAKMEM_THP, off"})
    void otherwiseThePoolsStayOnSmallPages(Mode mode, String key, String value) throws IOException {
        try (Allocator allocator = Allocators.isolated(mode).set(key, value).build()) {
            for (long size : new long[] {TINY, MID}) {
                long block = allocator.malloc(size);
                String flags = vmFlags(block);
                assertFalse(flags.contains(" hg"), size + "-byte block's mapping: " + flags);
                allocator.free(block);
            }
        }
    }

    /** The VmFlags line of the mapping in /proc/self/smaps that holds {@code address}. */
    private static String vmFlags(long address) throws IOException {
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            // "start-end perms ...", not "Key: value"
            if (dash > 0 && space > dash && line.lastIndexOf(':', space) < 0) {
                inside = Long.parseUnsignedLong(line.substring(0, dash), 16) <= address
                        && address < Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
            } else if (inside && line.startsWith("VmFlags:")) {
                return line;
            }
        }
        throw new AssertionError("no mapping in /proc/self/smaps holds 0x" + Long.toHexString(address));
    }
}
