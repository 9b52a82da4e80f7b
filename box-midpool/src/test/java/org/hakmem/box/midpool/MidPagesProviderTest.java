package org.hakmem.box.midpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hakmem.api.Mode;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.MidPool;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;
import org.junit.jupiter.api.Test;

/** Covers the mid pool provider: its name and slot, the switches it declares and how create() applies them. */
class MidPagesProviderTest {

    private final MidPagesProvider provider = new MidPagesProvider();

    private static Setting setting(List<Setting> settings, String key) {
        return settings.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError(key));
    }

    @Test
    void itIsThePagesProviderOfTheMidPoolSlot() {
        assertEquals("pages", provider.name());
        assertEquals(Slot.MID_POOL, provider.slot());
        assertEquals(Slot.MID_POOL.defaultProvider(), provider.name(), "the slot's default");
        assertTrue(Slot.MID_POOL.providerType().isInstance(provider));
        assertTrue(!provider.description().isBlank());
    }

    @Test
    void itDeclaresTheMaxSizeTheSegmentLimitAndTheSharedCaches() {
        List<Setting> settings = provider.settings();
        assertEquals(6, settings.size());
        Setting maxSize = setting(settings, "HAKMEM_MID_MAX_SIZE");
        assertEquals(Setting.Type.SIZE, maxSize.type());
        assertEquals(1024, maxSize.min());
        assertEquals(MidHeader.MAX_CLASS_SIZE, maxSize.max());
        assertEquals("1048576", maxSize.baseline(Mode.BALANCED));
        assertEquals("262144", maxSize.canonical("256K"));
        assertThrows(IllegalArgumentException.class, () -> maxSize.canonical("1023"));
        assertThrows(IllegalArgumentException.class, () -> maxSize.canonical("1025K"));
        Setting segments = setting(settings, "HAKMEM_MID_MAX_SEGMENTS");
        assertEquals(Setting.Type.NUMBER, segments.type());
        assertEquals(1, segments.min());
        assertThrows(IllegalArgumentException.class, () -> segments.canonical("0"));
        Setting shared = setting(settings, "HAKMEM_MID_SHARED_CACHES");
        assertEquals(Setting.Type.NUMBER, shared.type());
        assertEquals("0", shared.baseline(Mode.BALANCED), "0: one per processor");
        assertThrows(IllegalArgumentException.class, () -> shared.canonical("-1"));
        Setting spares = setting(settings, "HAKMEM_MID_SPARE_SEGMENTS");
        assertEquals(Long.toString(Segments.WARM_SPARES), spares.baseline(Mode.BALANCED));
        assertEquals("8", spares.baseline(Mode.FAST), "FAST keeps more segments mapped against the churn");
        assertEquals("0", spares.canonical("0"), "none: every emptied segment goes to Batch");
        assertThrows(IllegalArgumentException.class, () -> spares.canonical("-1"));
    }

    @Test
    void createHonoursTheMaxSize() {
        assertEquals(MidHeader.MAX_CLASS_SIZE, new TestContext().pool().maxSize(), "the default");
        MidPool pool = provider.create(new TestContext(Map.of("HAKMEM_MID_MAX_SIZE", "64K")).context);
        assertEquals(64 * 1024, pool.maxSize());
        long block = pool.allocate(64 * 1024);
        assertEquals(MidHeader.classOf(64 * 1024), MidHeader.liveClass(block,
                org.hakmem.api.os.NativeMemory.getLong(block + MidHeader.TAG_OFFSET)));
        assertEquals(MidHeader.usableSize(MidHeader.classOf(64 * 1024)), pool.bytesLive());
        pool.close();
    }

    @Test
    void createHonoursTheSegmentLimit() {
        TestContext context = new TestContext(Map.of("HAKMEM_MID_MAX_SEGMENTS", "1", "HAKMEM_MID_MAX_SIZE", "256K"));
        MidPool pool = provider.create(context.context);
        long size = 256 * 1024;
        for (int i = 0; i < 4; i++) {
            pool.allocate(size); // one span of 17 pages holds four
        }
        var error = assertThrows(NativeOutOfMemoryError.class, () -> pool.allocate(size),
                "a second span of 17 pages needs a second segment");
        assertTrue(error.getMessage().contains("HAKMEM_MID_MAX_SEGMENTS"), error.getMessage());
        assertEquals(1, context.count("segments"));
    }
}
