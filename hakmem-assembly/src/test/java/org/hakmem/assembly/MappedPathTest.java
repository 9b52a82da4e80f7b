package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where a large block starts in its mapping: a colour within the slack, aligned, spread over the mappings. */
class MappedPathTest {

    private static final long TWO_MIB = 2L << 20;

    @Test
    void consecutiveHugePageMappingsGetEveryColourOnceAndStayInTheirSlack() {
        Set<Long> colours = new HashSet<>();
        long slack = 4096 - 16 - 1; // a 2 MiB request: the page the header spilled into, less header and end byte
        for (long i = 0; i < 64; i++) {
            long colour = MappedPath.colour(0x7f00_0000_0000L + i * TWO_MIB, slack, 16);
            assertEquals(0, colour % 64, "a whole number of cache lines");
            assertTrue(colour <= slack, colour + " fits the slack");
            colours.add(colour);
        }
        assertEquals(64, colours.size(), "64 offsets, 0 to 4032, fit 4079 bytes of slack: one per mapping");
    }

    @Test
    void pageAlignedMappingsSpreadToo() {
        Set<Long> colours = new HashSet<>();
        for (long i = 0; i < 64; i++) {
            colours.add(MappedPath.colour(0x7f00_0000_0000L + i * 4096 * 3, 8192, 16));
        }
        assertTrue(colours.size() >= 32, colours.size() + " colours for 64 mappings 12 KiB apart");
    }

    @Test
    void noSlackOrHugeAlignmentsMeanNoColour() {
        assertEquals(0, MappedPath.colour(0x7f00_0020_0000L, 0, 16));
        assertEquals(0, MappedPath.colour(0x7f00_0020_0000L, 63, 16), "less than a line to spare");
        assertEquals(0, MappedPath.colour(0x7f00_0020_0000L, 8191, 8192), "one step of 8 KiB does not fit");
        long aligned = MappedPath.colour(0x7f00_0060_0000L, 3 * 4096, 4096);
        assertEquals(0, aligned % 4096, "a 4 KiB-aligned block moves by whole pages");
    }
}
