package org.hakmem.bench.allocators;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hakmem.api.Allocator;
import org.hakmem.api.Mode;
import org.hakmem.assembly.Hakmem;

/**
 * The hakmem pipelines the benchmarks know by name: "hakmem" as the environment configures it; the step run that
 * turns the large-block features on one at a time from MINIMAL; the tiny A/B run, FAST with one tiny front changed
 * at a time or the strict frees back on; and the mid A/B run, FAST without the mid pool or with the strict frees
 * back on. Every recipe but "hakmem" sets the switches its run compares explicitly, so a HAKMEM_* variable in the
 * environment cannot blur a step. Owns those recipes; never allocates.
 */
public enum PipelineRecipe {
    /** {@code Hakmem.open()}: whatever HAKMEM_* and -Dhakmem.* say (BALANCED by default). */
    CONFIGURED("hakmem", null, Map.of()),
    MINIMAL("hakmem-minimal", Mode.MINIMAL, large(false, false, false)),
    MMAP("hakmem-mmap", Mode.MINIMAL, large(true, false, false)),
    BIGCACHE("hakmem-bigcache", Mode.MINIMAL, large(true, true, false)),
    BIGCACHE_BATCH("hakmem-bigcache-batch", Mode.MINIMAL, large(true, true, true)),
    FAST("hakmem-fast", Mode.FAST, tiny("1", "1", "0")),
    ULTRA_HOT_OFF("hakmem-fast-ultrahot-off", Mode.FAST, tiny("0", "1", "0")),
    HEAP_V2_LEFTOVER("hakmem-fast-heapv2-leftover", Mode.FAST, tiny("1", "1", "1")),
    HEAP_V2_OFF("hakmem-fast-heapv2-off", Mode.FAST, tiny("1", "0", "0")),
    /**
     * FAST with both strict frees back on (FAST presets them to 0): a compare-and-set on every tiny and mid free. A
     * build without the mid pool Box rejects {@code HAKMEM_MID_STRICT_FREE}.
     */
    STRICT_FREE_ON("hakmem-fast-strict-free-on", Mode.FAST,
            with(with(tiny("1", "1", "0"), "HAKMEM_TINY_STRICT_FREE", "1"), "HAKMEM_MID_STRICT_FREE", "1")),
    /** FAST exactly, but {@code HAKMEM_MID_POOL=0}: a build without the mid pool Box rejects that key. */
    MID_POOL_OFF("hakmem-fast-midpool-off", Mode.FAST, with(tiny("1", "1", "0"), "HAKMEM_MID_POOL", "0"));

    private final String benchName;
    private final Mode mode;
    private final Map<String, String> settings;

    PipelineRecipe(String benchName, Mode mode, Map<String, String> settings) {
        this.benchName = benchName;
        this.mode = mode;
        this.settings = settings;
    }

    private static Map<String, String> large(boolean largeMmap, boolean bigCache, boolean batch) {
        return Map.of("HAKMEM_LARGE_MMAP", bit(largeMmap), "HAKMEM_BIGCACHE", bit(bigCache), "HAKMEM_BATCH", bit(batch));
    }

    private static Map<String, String> tiny(String ultraHot, String heapV2, String leftover) {
        return Map.of("HAKMEM_TINY_USE_SUPERSLAB", "1", "HAKMEM_TINY_ULTRA_HOT", ultraHot, "HAKMEM_TINY_HEAP_V2", heapV2,
                "HAKMEM_TINY_HEAP_V2_LEFTOVER_MODE", leftover);
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(key, value);
        return Map.copyOf(more);
    }

    public String benchName() {
        return benchName;
    }

    /** The step run, in order: each adds one feature to the one before. */
    public static List<PipelineRecipe> steps() {
        return List.of(MINIMAL, MMAP, BIGCACHE, BIGCACHE_BATCH);
    }

    /** The tiny A/B run: FAST, then FAST with one tiny front switched off or to its other mode, or strict frees. */
    public static List<PipelineRecipe> tinyAb() {
        return List.of(FAST, ULTRA_HOT_OFF, HEAP_V2_LEFTOVER, HEAP_V2_OFF, STRICT_FREE_ON);
    }

    /** The mid A/B run: FAST, then FAST without the mid pool, then FAST with strict frees. */
    public static List<PipelineRecipe> midAb() {
        return List.of(FAST, MID_POOL_OFF, STRICT_FREE_ON);
    }

    /** Whether this recipe belongs to the tiny or the mid A/B run, which run only when asked for (or in FULL). */
    public boolean inAbRun() {
        return tinyAb().contains(this) || midAb().contains(this);
    }

    /** The recipe called {@code benchName}, or null. */
    public static PipelineRecipe named(String benchName) {
        for (PipelineRecipe recipe : values()) {
            if (recipe.benchName.equals(benchName)) {
                return recipe;
            }
        }
        return null;
    }

    /** A builder with this recipe's settings on top of the environment's. */
    public Hakmem.Builder builder() {
        Hakmem.Builder builder = Hakmem.builder();
        if (mode != null) {
            builder.mode(mode);
        }
        settings.forEach(builder::set);
        return builder;
    }

    /** The allocator itself; CONFIGURED is exactly {@code Hakmem.open()}. */
    public Allocator open() {
        return this == CONFIGURED ? Hakmem.open() : builder().build();
    }

    private static String bit(boolean on) {
        return on ? "1" : "0";
    }
}
