package org.hakmem.box.heapv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.HeapV2Provider;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;
import org.hakmem.api.spi.StandaloneContext;
import org.hakmem.api.spi.TinyCache;
import org.hakmem.api.spi.TinyFront;
import org.hakmem.api.spi.TinyFront.Supply;
import org.junit.jupiter.api.Test;

/** Owns HeapV2's identity (name, slot, service registration), its three settings and how create() reads them. */
class HeapV2ProviderTest {

    private static final String CLASS_MASK = "HAKMEM_TINY_HEAP_V2_CLASS_MASK";
    private static final String LEFTOVER_MODE = "HAKMEM_TINY_HEAP_V2_LEFTOVER_MODE";
    private static final String STATS = "HAKMEM_TINY_HEAP_V2_STATS";

    private final org.hakmem.box.heapv2.HeapV2Provider provider = new org.hakmem.box.heapv2.HeapV2Provider();

    private TinyFront create(String key, String value) {
        return provider.create(StandaloneContext.builder().declared(provider.settings()).set(key, value).build());
    }

    private static long block(int sizeClass) {
        return 0x7f00_0000_0000L + 64L * sizeClass;
    }

    @Test
    void isTheDefaultProviderOfTheHeapV2Slot() {
        assertEquals("magazine", provider.name());
        assertEquals(Slot.HEAP_V2, provider.slot());
        assertEquals(Slot.HEAP_V2.defaultProvider(), provider.name());
        assertFalse(provider.description().isBlank());
    }

    @Test
    void serviceLoaderFindsIt() {
        // On the module path this needs the "uses" the assembly declares; on the class path it is a no-op.
        getClass().getModule().addUses(HeapV2Provider.class);
        assertTrue(ServiceLoader.load(HeapV2Provider.class).stream()
                .anyMatch(p -> p.type() == org.hakmem.box.heapv2.HeapV2Provider.class));
    }

    @Test
    void declaresTheMaskTheSupplyModeAndTheStatsSwitch() {
        assertEquals(List.of(CLASS_MASK, LEFTOVER_MODE, STATS), provider.settings().stream().map(Setting::key).toList());
        for (Setting setting : provider.settings()) {
            assertFalse(setting.description().isBlank(), setting.key());
        }
        Setting mask = provider.settings().get(0);
        assertEquals(Setting.Type.NUMBER, mask.type());
        assertEquals(0, mask.min());
        assertEquals(15, mask.max());
        assertEquals(Setting.Type.FLAG, provider.settings().get(1).type());
        assertEquals(Setting.Type.FLAG, provider.settings().get(2).type());
        for (Mode mode : Mode.values()) {
            assertEquals("15", mask.baseline(mode), mode.name());
            assertEquals("0", provider.settings().get(1).baseline(mode), mode.name());
            assertEquals("0", provider.settings().get(2).baseline(mode), mode.name());
        }
    }

    @Test
    void byDefaultItStealsServesC0ToC3AndKeepsNoStats() {
        StandaloneContext context = StandaloneContext.builder().declared(provider.settings()).build();
        TinyFront front = provider.create(context);
        assertEquals(Supply.STEALING, front.supply());
        TinyCache cache = front.newCache();
        for (int c = 0; c < 4; c++) {
            assertTrue(cache.push(block(c), c), "C" + c);
        }
        assertFalse(cache.push(block(4), 4));
        assertEquals(List.of("magazines"), List.copyOf(context.counters().snapshot().keySet()));
    }

    @Test
    void theClassMaskReachesEveryMagazine() {
        TinyFront front = create(CLASS_MASK, "5");
        for (TinyCache cache : List.of(front.newCache(), front.newCache())) {
            assertTrue(cache.push(block(0), 0));
            assertFalse(cache.push(block(1), 1));
            assertTrue(cache.push(block(2), 2));
            assertFalse(cache.push(block(3), 3));
        }
        TinyCache none = create(CLASS_MASK, "0").newCache();
        for (int c = 0; c < 4; c++) {
            assertFalse(none.push(block(c), c), "mask 0 serves nothing: C" + c);
            assertEquals(0, none.refillCount(c));
        }
    }

    @Test
    void theLeftoverSwitchPicksTheSupply() {
        assertEquals(Supply.LEFTOVER, create(LEFTOVER_MODE, "1").supply());
        assertEquals(Supply.LEFTOVER, create(LEFTOVER_MODE, "on").supply());
        assertEquals(Supply.STEALING, create(LEFTOVER_MODE, "0").supply());
        assertEquals(Supply.STEALING, create(LEFTOVER_MODE, "false").supply());
    }

    @Test
    void theStatsSwitchAddsItsGauges() {
        StandaloneContext context = StandaloneContext.builder().declared(provider.settings()).set(STATS, "1").build();
        provider.create(context);
        assertEquals(List.of("magazines", "alloc_calls", "mag_hits", "refills"),
                List.copyOf(context.counters().snapshot().keySet()));
    }

    @Test
    void aBadValueIsRejectedNamingTheKey() {
        for (String[] bad : new String[][] {
                {CLASS_MASK, "16"}, {CLASS_MASK, "-1"}, {CLASS_MASK, "abc"}, {LEFTOVER_MODE, "2"}, {STATS, "maybe"}}) {
            var thrown = assertThrows(IllegalArgumentException.class, () -> create(bad[0], bad[1]),
                    bad[0] + "=" + bad[1]);
            assertTrue(thrown.getMessage().contains(bad[0]), thrown.getMessage());
            assertTrue(thrown.getMessage().contains(bad[1]), thrown.getMessage());
        }
    }
}
