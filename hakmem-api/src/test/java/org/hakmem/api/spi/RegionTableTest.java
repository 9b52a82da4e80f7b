package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RegionTableTest {

    private static final long MIB2 = RegionTable.REGION_SIZE;

    @Test
    void everyAddressOfARegisteredRegionMapsToItsIdAndNothingElseDoes() {
        RegionTable table = new RegionTable(8);
        table.register(100 * MIB2, 5);
        assertEquals(5, table.lookup(100 * MIB2));
        assertEquals(5, table.lookup(100 * MIB2 + MIB2 - 1));
        assertEquals(-1, table.lookup(100 * MIB2 - 1));
        assertEquals(-1, table.lookup(101 * MIB2));
        assertEquals(-1, table.lookup(0));
        assertEquals(-1, table.lookup(-8));
        assertEquals(false, table.wasRetired(100 * MIB2 + 64));
        table.unregister(100 * MIB2);
        assertEquals(-1, table.lookup(100 * MIB2 + 64));
        assertEquals(true, table.wasRetired(100 * MIB2 + 64), "remembered as given back");
        assertEquals(false, table.wasRetired(101 * MIB2));
        table.register(100 * MIB2, 6);
        assertEquals(6, table.lookup(100 * MIB2 + 64), "registered again: live again");
    }

    @Test
    void removedSlotsAreReusedAndOtherEntriesSurviveAroundThem() {
        RegionTable table = new RegionTable(4);
        for (int round = 0; round < 1000; round++) {
            for (int i = 0; i < 4; i++) {
                table.register((round * 4L + i + 1) * MIB2, i);
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(i, table.lookup((round * 4L + i + 1) * MIB2 + 8));
            }
            for (int i = 0; i < 4; i++) {
                table.unregister((round * 4L + i + 1) * MIB2);
            }
        }
    }

    @Test
    void regionsThatShareAFirstSlotAreFoundPastEachOtherAndPastARetiredOne() {
        RegionTable table = new RegionTable(4); // 8 slots: regions 1, 9 and 17 all start their probe at slot 1
        table.register(MIB2, 0);
        table.register(9 * MIB2, 1);
        table.register(17 * MIB2, 2);
        table.unregister(9 * MIB2);
        assertEquals(0, table.lookup(MIB2 + 8));
        assertEquals(-1, table.lookup(9 * MIB2 + 8));
        assertEquals(2, table.lookup(17 * MIB2 + 8), "found past the retired entry");
        assertEquals(true, table.wasRetired(9 * MIB2 + 8));
        assertEquals(-1, table.lookup(25 * MIB2 + 8), "a probe ends at the first empty slot");
    }

    @Test
    void addressesFrom2To60UpNeverPassForTheRegionTheirLowBitsName() {
        RegionTable table = new RegionTable(8);
        table.register(MIB2, 3);
        assertEquals(3, table.lookup(MIB2 + 64));
        assertEquals(-1, table.lookup((1L << 60) + MIB2 + 64));
        assertEquals(-1, table.lookup((1L << 63) + MIB2 + 64));
        assertEquals(-1, table.lookup(Long.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> table.register(1L << 60, 4));
    }

    @Test
    void misalignedRegionsAndAFullTableAreRefused() {
        RegionTable table = new RegionTable(1);
        assertThrows(IllegalArgumentException.class, () -> table.register(MIB2 + 4096, 0));
        table.register(MIB2, 0);
        table.register(2 * MIB2, 1);
        assertThrows(IllegalStateException.class, () -> table.register(3 * MIB2, 2));
    }
}
