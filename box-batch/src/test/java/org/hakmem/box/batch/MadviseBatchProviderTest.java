package org.hakmem.box.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.BatchProvider;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;
import org.junit.jupiter.api.Test;

class MadviseBatchProviderTest {

    private final MadviseBatchProvider provider = new MadviseBatchProvider();

    @Test
    void isTheDefaultProviderOfTheBatchSlot() {
        assertEquals(Slot.BATCH, provider.slot());
        assertEquals(Slot.BATCH.defaultProvider(), provider.name());
        assertFalse(provider.description().isBlank());
    }

    @Test
    void serviceLoaderFindsIt() {
        // On the module path this needs the "uses" the assembly declares; on the class path it is a no-op.
        getClass().getModule().addUses(BatchProvider.class);
        assertTrue(ServiceLoader.load(BatchProvider.class).stream()
                .anyMatch(p -> p.type() == MadviseBatchProvider.class));
    }

    @Test
    void declaresItsSettingsWithTheCDefaults() {
        assertEquals(List.of("HAKMEM_BATCH", "HAKMEM_BATCH_MIN_SIZE", "HAKMEM_BATCH_THRESHOLD",
                "HAKMEM_BATCH_MAX_ENTRIES"), provider.settings().stream().map(Setting::key).toList());
        for (Setting setting : provider.settings()) {
            assertFalse(setting.description().isBlank(), setting.key());
            setting.canonical(setting.defaultValue());
        }
        assertEquals("1", MadviseBatchProvider.BATCH.baseline(Mode.BALANCED));
        assertEquals("0", MadviseBatchProvider.BATCH.baseline(Mode.MINIMAL), "MINIMAL: batch madvise off");
        assertEquals("65536", MadviseBatchProvider.MIN_SIZE.baseline(Mode.BALANCED));
        assertEquals("4194304", MadviseBatchProvider.THRESHOLD.baseline(Mode.BALANCED));
        assertEquals("256", MadviseBatchProvider.MAX_ENTRIES.baseline(Mode.BALANCED));
    }
}
