package org.hakmem.box.heapv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hakmem.api.spi.StandaloneContext;
import org.hakmem.api.spi.TinyCache;
import org.hakmem.api.spi.TinyFront;
import org.hakmem.api.spi.TinyFront.Supply;
import org.junit.jupiter.api.Test;

/**
 * Owns the HeapV2 front as the pool sees it, built by its provider: one independent magazine per cache, the supply
 * mode it reports, and the gauges summed over live magazines and kept when a magazine retires.
 */
class HeapV2FrontTest {

    private static final TinyCache.BlockSink DROP = (address, sizeClass) -> { };

    private StandaloneContext context;

    private TinyFront front(Map<String, String> settings) {
        HeapV2Provider provider = new HeapV2Provider();
        context = StandaloneContext.builder().declared(provider.settings()).set(settings).build();
        return provider.create(context);
    }

    private long count(String name) {
        return context.count(name);
    }

    private static long block(int i) {
        return 0x7f00_0000_0000L + 64L * i;
    }

    @Test
    void reportsTheSupplyItWasBuiltWith() {
        assertEquals(Supply.STEALING, new HeapV2Front(StandaloneContext.builder().build(), 15, Supply.STEALING, false)
                .supply());
        assertEquals(Supply.LEFTOVER, new HeapV2Front(StandaloneContext.builder().build(), 15, Supply.LEFTOVER, false)
                .supply());
    }

    @Test
    void eachCacheIsItsOwnMagazine() {
        TinyFront front = front(Map.of());
        TinyCache a = front.newCache();
        TinyCache b = front.newCache();
        for (int i = 0; i < 16; i++) {
            assertTrue(a.push(block(i), 1));
        }
        assertFalse(a.push(block(16), 1));
        assertEquals(0, b.pop(1), "b does not see a's blocks");
        assertTrue(b.push(block(99), 1), "a full magazine leaves another heap's room");
        assertEquals(block(15), a.pop(1));
        assertEquals(block(99), b.pop(1));
    }

    @Test
    void countsItsLiveMagazines() {
        TinyFront front = front(Map.of());
        assertEquals(0, count("magazines"));
        TinyCache a = front.newCache();
        TinyCache b = front.newCache();
        assertEquals(2, count("magazines"));
        a.retire(DROP);
        assertEquals(1, count("magazines"));
        a.retire(DROP);
        assertEquals(1, count("magazines"), "a second retire of one magazine changes nothing");
        b.retire(DROP);
        assertEquals(0, count("magazines"));
    }

    @Test
    void statsSumEveryLiveMagazine() {
        TinyFront front = front(Map.of("HAKMEM_TINY_HEAP_V2_STATS", "1"));
        TinyCache a = front.newCache();
        TinyCache b = front.newCache();
        a.pop(2); // call
        a.push(block(1), 2);
        a.refilled(2);
        a.pop(2); // call, hit
        b.pop(0); // call
        b.push(block(2), 3);
        b.pop(3); // call, hit
        b.refilled(0);
        b.refilled(3);
        assertEquals(4, count("alloc_calls"));
        assertEquals(2, count("mag_hits"));
        assertEquals(3, count("refills"));
    }

    @Test
    void statsOfARetiredMagazineAreKept() {
        TinyFront front = front(Map.of("HAKMEM_TINY_HEAP_V2_STATS", "1"));
        TinyCache a = front.newCache();
        TinyCache b = front.newCache();
        a.push(block(1), 1);
        a.pop(1); // call, hit
        a.pop(1); // call
        a.refilled(1);
        a.push(block(2), 1); // still cached when a's heap retires
        b.pop(0); // call
        a.retire(DROP);
        assertEquals(3, count("alloc_calls"), "a's calls outlive a; retiring is no allocation");
        assertEquals(1, count("mag_hits"));
        assertEquals(1, count("refills"));
        b.retire(DROP);
        TinyCache c = front.newCache();
        c.pop(2); // call
        assertEquals(4, count("alloc_calls"));
        assertEquals(1, count("mag_hits"));
        assertEquals(1, count("refills"));
    }

    @Test
    void closeForgetsTheMagazinesButHoldsNoBlocksItself() {
        TinyFront front = front(Map.of());
        TinyCache a = front.newCache();
        a.push(block(1), 2);
        front.close();
        assertEquals(0, count("magazines"));
    }
}
