package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hakmem.api.Allocator;
import org.hakmem.api.AllocatorStats;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.Slot;
import org.junit.jupiter.api.Test;

/** Configuration: sources and their priority, presets, provider choice, and start-up errors that say what to fix. */
class HakmemTest {

    @Test
    void balancedIsTheDefaultAndFillsEverySlot() {
        try (Allocator hakmem = Hakmem.builder().environment(Map.of()).systemProperties(Map.of()).build()) {
            AllocatorStats stats = hakmem.stats();
            assertEquals("v2", stats.box("frontgate").provider());
            assertEquals("ring", stats.box("bigcache").provider());
            assertEquals("madvise", stats.box("batch").provider());
            assertEquals("standard", stats.box("externalguard").provider());
            assertEquals(AllocatorStats.MAGIC, stats.magic());
        }
    }

    @Test
    void minimalLeavesBigCacheOutAndServesLargeSizesFromMalloc() {
        try (Allocator hakmem = Allocators.isolated(Mode.MINIMAL).build()) {
            assertNull(hakmem.stats().box("bigcache"));
            hakmem.free(hakmem.malloc(4 << 20));
            assertEquals(0, hakmem.stats().mmapCalls());
            assertEquals(1, hakmem.stats().counter("pipeline", "malloc_allocs"));
        }
    }

    @Test
    void builderBeatsSystemPropertiesBeatsEnvironmentBeatsPreset() {
        String text = Hakmem.builder()
                .environment(Map.of("HAKMEM_MODE", "minimal", "HAKMEM_BIGCACHE_CAP", "64M", "HAKMEM_BATCH_THRESHOLD", "8M",
                        "HAKMEM_LARGE_MMAP", "1"))
                .systemProperties(Map.of("hakmem.bigcache", "1", "hakmem.bigcache.cap", "128M"))
                .set("HAKMEM_BIGCACHE_CAP", "96M")
                .describe();
        assertLine(text, "HAKMEM_MODE", "minimal", "environment");
        assertLine(text, "HAKMEM_BIGCACHE", "1", "system property hakmem.bigcache");
        assertLine(text, "HAKMEM_BIGCACHE_CAP", "100663296", "builder");
        assertLine(text, "HAKMEM_BATCH_THRESHOLD", "8388608", "environment");
        assertLine(text, "HAKMEM_BATCH", "0", "preset of mode minimal");
        assertLine(text, "HAKMEM_EXTERNAL_GUARD_POLICY", "reject", "default");
        assertTrue(text.contains("bigcache"), text);
    }

    @Test
    void describeNamesEachProviderAndWhereItCameFrom() {
        String text = Allocators.isolated(Mode.BALANCED).describe();
        assertTrue(text.contains("hakmem pipeline, mode balanced"), text);
        for (String line : new String[] {"batch", "bigcache", "externalguard", "frontgate"}) {
            assertTrue(text.lines().anyMatch(l -> l.strip().startsWith(line + " ") && l.contains("box-" + line)),
                    "slot " + line + " with its jar in:\n" + text);
        }
    }

    @Test
    void describeRoutesSizesAsThePipelineDoes() {
        String balanced = Allocators.isolated(Mode.BALANCED).describe();
        assertTrue(balanced.contains("  up to 1 MiB         midpool:"), balanced);
        assertTrue(balanced.contains("  above 1 MiB         own mapping (mmap)"), balanced);
        assertFalse(balanced.contains("libc malloc behind"), "nothing is left for the malloc path:\n" + balanced);
        String smallMid = Allocators.isolated(Mode.BALANCED).set("HAKMEM_MID_MAX_SIZE", "16K").describe();
        assertTrue(smallMid.contains("  up to 16 KiB        midpool:"), smallMid);
        assertTrue(smallMid.contains("  up to 32 KiB        libc malloc behind"), smallMid);
        assertTrue(smallMid.contains("  above 32 KiB        own mapping (mmap)"), smallMid);
        String minimal = Allocators.isolated(Mode.MINIMAL).describe();
        assertFalse(minimal.contains("midpool:"), minimal);
        assertTrue(minimal.contains("  up to 32 KiB        libc malloc behind"), minimal);
        assertTrue(minimal.contains("  above 32 KiB        libc malloc (HAKMEM_LARGE_MMAP=0)"), minimal);
    }

    @Test
    void allModeNamesParseCaseInsensitively() {
        for (String name : new String[] {"minimal", "FAST", "Balanced", "learning", "research"}) {
            String text = Hakmem.builder().environment(Map.of("HAKMEM_MODE", name)).systemProperties(Map.of()).describe();
            assertTrue(text.contains("mode " + name.toLowerCase()), text);
        }
    }

    @Test
    void badValuesFailAtStartNamingKeyValueAndChoices() {
        assertFailure(Map.of("HAKMEM_MODE", "turbo"), "HAKMEM_MODE=turbo", "minimal, fast, balanced, learning, research");
        assertFailure(Map.of("HAKMEM_BOX_BIGCACHE", "lru9"), "HAKMEM_BOX_BIGCACHE=lru9", "one of ring");
        assertFailure(Map.of("HAKMEM_BIGCACHE_CAP", "lots"), "HAKMEM_BIGCACHE_CAP=lots", "256M");
        assertFailure(Map.of("HAKMEM_BATCH", "maybe"), "HAKMEM_BATCH=maybe", "1/0");
        assertFailure(Map.of("HAKMEM_BIGCAHCE", "1"), "unknown setting HAKMEM_BIGCAHCE", "HAKMEM_BIGCACHE");
        assertFailure(Map.of("HAKMEM_EXTERNAL_GUARD_POLICY", "ignore"), "HAKMEM_EXTERNAL_GUARD_POLICY=ignore",
                "reject, delegate");
        var e = assertThrows(IllegalArgumentException.class, () -> Hakmem.builder().environment(Map.of())
                .systemProperties(Map.of("hakmem.bigcache.cap", "-1")).build());
        assertTrue(e.getMessage().contains("system property hakmem.bigcache.cap"), e.getMessage());
    }

    @Test
    void aProviderFromAJarTheProjectNeverSawFillsASlotByConfigurationAlone() {
        RecordingExternalGuardProvider.FREED.clear();
        try (Allocator hakmem = Hakmem.builder().environment(Map.of("HAKMEM_RECORDING_LABEL", "fancy"))
                .systemProperties(Map.of()).provider(Slot.EXTERNAL_GUARD, "recording").build()) {
            hakmem.free(0x1234_5670L);
            assertEquals(java.util.List.of(0x1234_5670L), RecordingExternalGuardProvider.FREED);
            assertEquals("recording", hakmem.stats().box("externalguard").provider());
            assertEquals(1, hakmem.stats().counter("externalguard", "recorded"));
            long block = hakmem.malloc(3 << 20); // above the pools: an unknown address there goes to ExternalGuard
            var e = assertThrows(org.hakmem.api.InvalidAddressException.class, () -> hakmem.realloc(block + 8, 10));
            assertTrue(e.getMessage().contains("recorded fancy"), "its own setting reached it: " + e.getMessage());
            hakmem.free(block);
        }
        assertFailure(Map.of("HAKMEM_BOX_EXTERNALGUARD", "nosuch"), "HAKMEM_BOX_EXTERNALGUARD=nosuch",
                "standard", "recording");
    }

    private static void assertFailure(Map<String, String> env, String... expected) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Hakmem.builder().environment(env).systemProperties(Map.of()).build());
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
        assertNotNull(e.getMessage());
    }

    private static void assertLine(String text, String key, String value, String source) {
        assertTrue(text.lines().anyMatch(l -> l.strip().startsWith(key + " ") && l.contains(" " + value + " ")
                && l.strip().endsWith(source)), key + " = " + value + " from " + source + " in:\n" + text);
    }
}
