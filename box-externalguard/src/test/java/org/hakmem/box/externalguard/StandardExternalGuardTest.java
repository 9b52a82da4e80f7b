package org.hakmem.box.externalguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.InvalidAddressException.Reason;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.BlockHeader;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.Counters;
import org.hakmem.api.spi.StandaloneContext;
import org.junit.jupiter.api.Test;

class StandardExternalGuardTest {

    private final OsLayer os = OsLayer.create();
    private final BlockTable blocks = new BlockTable();
    private final Counters counters = new Counters();

    private StandardExternalGuard guard(String... keyValues) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put(keyValues[i], keyValues[i + 1]);
        }
        return (StandardExternalGuard) new StandardExternalGuardProvider().create(StandaloneContext.builder()
                .declared(new StandardExternalGuardProvider().settings()).set(overrides).os(os).blocks(blocks)
                .counters(counters).build());
    }

    @Test
    void rejectIsTheDefaultAndSaysHowToDelegate() {
        var e = assertThrows(InvalidAddressException.class, () -> guard().free(0x7000_0000_0000L));
        assertEquals(Reason.FOREIGN, e.reason());
        assertTrue(e.getMessage().contains("free(0x700000000000)"), e.getMessage());
        assertTrue(e.getMessage().contains("HAKMEM_EXTERNAL_GUARD_POLICY=delegate"), e.getMessage());
        assertEquals(1, counters.snapshot().get("rejected"));
    }

    @Test
    void aFreedAddressIsADoubleFreeAndAPointerIntoALiveBlockIsInterior() {
        blocks.insert(0x10_0000, 0x10_0000 - BlockHeader.SIZE, 256, BlockHeader.METHOD_MALLOC);
        blocks.insert(0x20_0000, 0x20_0000 - BlockHeader.SIZE, 64, BlockHeader.METHOD_MALLOC);
        blocks.remove(0x20_0000);
        StandardExternalGuard guard = guard("HAKMEM_EXTERNAL_GUARD_POLICY", "delegate");
        var twice = assertThrows(InvalidAddressException.class, () -> guard.free(0x20_0000));
        assertEquals(Reason.DOUBLE_FREE, twice.reason());
        var inside = assertThrows(InvalidAddressException.class, () -> guard.free(0x10_0000 + 64));
        assertEquals(Reason.INTERIOR_POINTER, inside.reason());
        assertTrue(inside.getMessage().contains("64 bytes from the start of the live block 0x100000 (256 bytes)"),
                inside.getMessage());
        assertEquals(0, counters.snapshot().get("delegated"), "never delegated to libc: it would corrupt libc's heap");
    }

    @Test
    void delegateHandsLibcBlocksToLibcFree() {
        StandardExternalGuard guard = guard("HAKMEM_EXTERNAL_GUARD_POLICY", "delegate");
        for (int i = 0; i < 1000; i++) {
            guard.free(os.malloc(48));
        }
        assertEquals(1000, counters.snapshot().get("delegated"));
    }

    @Test
    void delegateRefusesWhatLibcCannotHaveReturned() {
        StandardExternalGuard guard = guard("HAKMEM_EXTERNAL_GUARD_POLICY", "delegate", "HAKMEM_EXTERNAL_GUARD_MINCORE", "1");
        var misaligned = assertThrows(InvalidAddressException.class, () -> guard.free(os.malloc(32) + 8));
        assertTrue(misaligned.getMessage().contains("not 16-byte aligned"), misaligned.getMessage());
        var unmapped = assertThrows(InvalidAddressException.class, () -> guard.free(0x30_0000_0000L));
        assertTrue(unmapped.getMessage().contains("no memory is mapped there"), unmapped.getMessage());
        assertEquals(0, counters.snapshot().get("delegated"));
    }

    @Test
    void delegateRefusesABlockOfAnotherHakmemAllocator() {
        StandardExternalGuard guard = guard("HAKMEM_EXTERNAL_GUARD_POLICY", "delegate");
        long base = os.malloc(64);
        long user = base + BlockHeader.SIZE;
        BlockHeader.write(user, BlockHeader.METHOD_MALLOC, 48); // as another instance's MINIMAL path writes it
        var e = assertThrows(InvalidAddressException.class, () -> guard.free(user));
        assertTrue(e.getMessage().contains("another hakmem allocator"), e.getMessage());
        assertEquals(0, counters.snapshot().get("delegated"));
        os.free(base);
    }

    @Test
    void refuseExplainsWithoutFreeing() {
        StandardExternalGuard guard = guard();
        var e = guard.refuse(0x1234_0000L, "usableSize");
        assertEquals(Reason.NOT_ALLOCATED, e.reason());
        assertTrue(e.getMessage().startsWith("usableSize(0x12340000): "), e.getMessage());
    }

    @Test
    void statsOffCountsNothing() {
        StandardExternalGuard guard = guard("HAKMEM_EXTERNAL_GUARD_STATS", "0");
        assertThrows(InvalidAddressException.class, () -> guard.free(0x4000));
        assertEquals(0, counters.snapshot().get("calls"));
        assertEquals(0, counters.snapshot().get("rejected"));
    }
}
