package org.hakmem.box.bigcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.BigCacheProvider;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;
import org.junit.jupiter.api.Test;

class RingBigCacheProviderTest {

    private final RingBigCacheProvider provider = new RingBigCacheProvider();

    @Test
    void isTheDefaultProviderOfTheBigCacheSlot() {
        assertEquals(Slot.BIG_CACHE, provider.slot());
        assertEquals(Slot.BIG_CACHE.defaultProvider(), provider.name());
        assertFalse(provider.description().isBlank());
    }

    @Test
    void serviceLoaderFindsIt() {
        // On the module path this needs the "uses" the assembly declares; on the class path it is a no-op.
        getClass().getModule().addUses(BigCacheProvider.class);
        assertTrue(ServiceLoader.load(BigCacheProvider.class).stream()
                .anyMatch(p -> p.type() == RingBigCacheProvider.class));
    }

    @Test
    void declaresTheCapsButNotTheOnOffSwitch() {
        assertEquals(List.of("HAKMEM_BIGCACHE_CAP", "HAKMEM_BIGCACHE_RING_CAP"),
                provider.settings().stream().map(Setting::key).toList());
        for (Setting setting : provider.settings()) {
            assertFalse(setting.description().isBlank(), setting.key());
        }
        assertEquals("268435456", RingBigCacheProvider.CAP.baseline(Mode.BALANCED));
        assertEquals("4", RingBigCacheProvider.RING_CAP.baseline(Mode.BALANCED));
        assertEquals("1099511627776", RingBigCacheProvider.CAP.canonical("1024G"), "up to 1 TiB");
        assertThrows(IllegalArgumentException.class, () -> RingBigCacheProvider.CAP.canonical("2048G"));
        assertThrows(IllegalArgumentException.class, () -> RingBigCacheProvider.RING_CAP.canonical("0"));
        assertThrows(IllegalArgumentException.class, () -> RingBigCacheProvider.RING_CAP.canonical("65"));
    }
}
