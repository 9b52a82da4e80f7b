package org.hakmem.box.ultrahot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;
import org.hakmem.api.spi.StandaloneContext;
import org.hakmem.api.spi.UltraHotProvider;
import org.junit.jupiter.api.Test;

/** Owns UltraHot's identity (name, slot, service registration), its one setting and how create() reads it. */
class UltraHotProviderTest {

    private final org.hakmem.box.ultrahot.UltraHotProvider provider = new org.hakmem.box.ultrahot.UltraHotProvider();

    private StandaloneContext context(String stats) {
        return StandaloneContext.builder().declared(provider.settings())
                .set("HAKMEM_TINY_ULTRA_HOT_STATS", stats).batch(new RecordingBatch()).build();
    }

    @Test
    void isTheDefaultProviderOfTheUltraHotSlot() {
        assertEquals("line", provider.name());
        assertEquals(Slot.ULTRA_HOT, provider.slot());
        assertEquals(Slot.ULTRA_HOT.defaultProvider(), provider.name());
        assertFalse(provider.description().isBlank());
    }

    @Test
    void serviceLoaderFindsIt() {
        // On the module path this needs the "uses" the assembly declares; on the class path it is a no-op.
        getClass().getModule().addUses(UltraHotProvider.class);
        assertTrue(ServiceLoader.load(UltraHotProvider.class).stream()
                .anyMatch(p -> p.type() == org.hakmem.box.ultrahot.UltraHotProvider.class));
    }

    @Test
    void declaresItsStatsSwitchOffByDefault() {
        assertEquals(List.of("HAKMEM_TINY_ULTRA_HOT_STATS"), provider.settings().stream().map(Setting::key).toList());
        Setting stats = provider.settings().getFirst();
        assertEquals(Setting.Type.FLAG, stats.type());
        assertFalse(stats.description().isBlank());
        for (Mode mode : Mode.values()) {
            assertEquals("0", stats.baseline(mode), mode.name());
        }
    }

    @Test
    void theStatsSwitchDecidesWhetherHitsAndMissesAreCounted() {
        StandaloneContext on = context("1");
        provider.create(on);
        assertTrue(on.counters().snapshot().keySet().containsAll(List.of("hits", "misses")));
        StandaloneContext off = context("0");
        provider.create(off);
        assertFalse(off.counters().snapshot().containsKey("hits"));
        assertFalse(off.counters().snapshot().containsKey("misses"));
        StandaloneContext byDefault = StandaloneContext.builder().declared(provider.settings())
                .batch(new RecordingBatch()).build();
        provider.create(byDefault);
        assertFalse(byDefault.counters().snapshot().containsKey("hits"));
    }

    @Test
    void aBadStatsValueIsRejectedNamingTheKey() {
        var bad = assertThrows(IllegalArgumentException.class, () -> provider.create(context("maybe")));
        assertTrue(bad.getMessage().contains("HAKMEM_TINY_ULTRA_HOT_STATS"), bad.getMessage());
        assertTrue(bad.getMessage().contains("maybe"), bad.getMessage());
    }
}
