package org.hakmem.box.frontgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.BlockHeader;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.Counters;
import org.hakmem.api.spi.FrontGate;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.StandaloneContext;
import org.hakmem.api.spi.TinyHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrontGateV2Test {

    private final OsLayer os = OsLayer.create();
    private final BlockTable blocks = new BlockTable();
    private final RegionTable regions = new RegionTable(16);
    private final Counters counters = new Counters();
    private final FrontGateV2 gate = new FrontGateV2(StandaloneContext.builder().os(os).blocks(blocks).regions(regions)
            .counters(counters).build());
    private long base;

    /** A real malloc'ed block with a real header, registered as the MINIMAL path would. */
    private long block(long size) {
        base = os.malloc(size + BlockHeader.SIZE);
        long user = base + BlockHeader.SIZE;
        BlockHeader.write(user, BlockHeader.METHOD_MALLOC, size);
        blocks.insert(user, base, size, BlockHeader.METHOD_MALLOC);
        return user;
    }

    @AfterEach
    void freeBacking() {
        if (base != 0) {
            os.free(base);
        }
    }

    @Test
    void claimTakesALiveBlockOutOfTheRegistryOnce() {
        long user = block(64);
        BlockTable.Block claimed = gate.claim(user);
        assertNotNull(claimed);
        assertEquals(base, claimed.base());
        assertEquals(64, claimed.size());
        assertNull(gate.claim(user), "a second claim finds nothing");
        assertEquals(1, blocks.removes(BlockHeader.METHOD_MALLOC), "the registry counts what was claimed");
    }

    @Test
    void unknownAndMisalignedAddressesAreNeverReadOnlyReportedUnknown() {
        // Had FrontGate read these, the JVM would have died: none is mapped.
        assertNull(gate.claim(0x10));
        assertNull(gate.claim(0x7fff_0000_0003L));
        assertNull(gate.inspect(0x4000_0000_0000L));
        assertEquals(2, counters.snapshot().get("unknown"));
    }

    @Test
    void aCorruptHeaderIsReportedAndTheBlockStaysRegistered() {
        long user = block(32);
        NativeMemory.putInt(user - BlockHeader.SIZE, 0);
        var e = assertThrows(InvalidAddressException.class, () -> gate.claim(user));
        assertEquals(InvalidAddressException.Reason.CORRUPT_HEADER, e.reason());
        assertNotNull(blocks.lookup(user), "still registered, nothing freed");
        BlockHeader.write(user, BlockHeader.METHOD_MALLOC, 32);
        assertNotNull(gate.claim(user));
    }

    @Test
    void aSizeFieldThatDisagreesWithTheRegistryIsCorruptionToo() {
        long user = block(48);
        NativeMemory.putLong(user - 8, 1L << 40);
        assertThrows(InvalidAddressException.class, () -> gate.claim(user));
    }

    @Test
    void tinyBlocksAreClassifiedByTheirTagOnlyInsideARegisteredSuperSlab() {
        long region = os.mmap(RegionTable.REGION_SIZE * 2);
        long superSlab = (region + RegionTable.REGION_SIZE - 1) & -RegionTable.REGION_SIZE;
        long user = superSlab + 4096 + TinyHeader.SIZE;
        NativeMemory.putLong(user - TinyHeader.SIZE, TinyHeader.live(3));
        assertEquals(FrontGate.NOT_POOLED, gate.classify(user), "no SuperSlab registered: never read");
        regions.register(superSlab, 0);
        assertEquals(3, gate.classify(user));
        NativeMemory.putLong(user - TinyHeader.SIZE, TinyHeader.free(3) | (17L << 8));
        assertEquals(FrontGate.NOT_LIVE_TINY, gate.classify(user), "a free block is no live block");
        assertEquals(FrontGate.NOT_LIVE_TINY, gate.classify(user + 4), "misaligned: no block start");
        NativeMemory.putLong(user + 4 - TinyHeader.SIZE, TinyHeader.live(0));
        assertEquals(FrontGate.NOT_LIVE_TINY, gate.classify(user + 4), "a live tag read unaligned: no block start");
        long inside = user + 32;
        NativeMemory.putLong(inside - TinyHeader.SIZE, TinyHeader.live(3));
        assertEquals(FrontGate.NOT_LIVE_TINY, gate.classify(inside), "a C3 tag off a 64-byte boundary is no block start");
        NativeMemory.putLong(inside - TinyHeader.SIZE, TinyHeader.live(2));
        assertEquals(2, gate.classify(inside), "the same spot is a C2 block's start");
        // The header of an address at the region's very start lies in the region before, which is no SuperSlab: unread.
        assertEquals(FrontGate.NOT_LIVE_TINY, gate.classify(superSlab));
        assertEquals(FrontGate.NOT_LIVE_TINY, gate.classify(superSlab + 4));
        regions.unregister(superSlab);
        assertEquals(FrontGate.NOT_POOLED, gate.classify(user));
    }

    @Test
    void aC0BlockAtTheEndOfASuperSlabIsClassifiedByItsHeaderThoughItsAddressIsTheNextRegions() {
        long region = os.mmap(RegionTable.REGION_SIZE * 3);
        long first = (region + RegionTable.REGION_SIZE - 1) & -RegionTable.REGION_SIZE;
        long next = first + RegionTable.REGION_SIZE;
        // malloc(0) gets a C0 block, its 8-byte header and nothing else: the last one's address is the next region's start.
        NativeMemory.putLong(next - TinyHeader.SIZE, TinyHeader.live(0));
        regions.register(first, 0);
        assertEquals(0, gate.classify(next), "the next region is no SuperSlab");
        regions.register(next, 1);
        assertEquals(0, gate.classify(next), "the next region is another SuperSlab");
        regions.unregister(first);
        assertEquals(FrontGate.NOT_LIVE_TINY, gate.classify(next), "the header's region is gone: unread, a bad address");
        regions.unregister(next);
        assertEquals(FrontGate.NOT_POOLED, gate.classify(next));
    }

    @Test
    void midBlocksAreClassifiedByTheirTagAndAddressCheckOnlyInsideARegisteredSegment() {
        long region = os.mmap(RegionTable.REGION_SIZE * 2);
        long segment = (region + RegionTable.REGION_SIZE - 1) & -RegionTable.REGION_SIZE;
        long user = segment + 65536 + MidHeader.SIZE;
        NativeMemory.putLong(user + MidHeader.TAG_OFFSET, MidHeader.live(user, 5));
        assertEquals(FrontGate.NOT_POOLED, gate.classify(user), "no segment registered: never read");
        regions.register(segment, RegionTable.MID_IDS);
        assertEquals(FrontGate.MID | 5, gate.classify(user));
        NativeMemory.putLong(user + MidHeader.TAG_OFFSET, MidHeader.free(user, 5));
        assertEquals(FrontGate.NOT_LIVE_MID, gate.classify(user), "a free block is no live block");
        assertEquals(FrontGate.NOT_LIVE_MID, gate.classify(user + 8), "not 16-byte aligned: not read");
        long elsewhere = user + 4096;
        NativeMemory.putLong(elsewhere + MidHeader.TAG_OFFSET, MidHeader.live(user, 5));
        assertEquals(FrontGate.NOT_LIVE_MID, gate.classify(elsewhere), "a header copied to another place fails its check");
        NativeMemory.putLong(elsewhere + MidHeader.TAG_OFFSET, TinyHeader.live(3));
        assertEquals(FrontGate.NOT_LIVE_MID, gate.classify(elsewhere), "a tiny tag means nothing in a mid segment");
        assertEquals(FrontGate.NOT_LIVE_MID, gate.classify(segment), "a header before the segment is not read");
        regions.unregister(segment);
        assertEquals(FrontGate.NOT_POOLED, gate.classify(user));
    }

    @Test
    void inspectReadsWithoutRemoving() {
        long user = block(16);
        assertNotNull(gate.inspect(user));
        assertNotNull(gate.inspect(user));
        assertNotNull(gate.claim(user));
        assertNull(gate.inspect(user));
    }

    @Test
    void ofManyThreadsFreeingOneBlockExactlyOneWins() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            long user = block(24);
            AtomicInteger winners = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (gate.claim(user) != null) {
                        winners.incrementAndGet();
                    }
                });
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(1, winners.get(), "round " + round);
            os.free(base);
        }
        base = 0;
    }
}
