package org.hakmem.bench.allocators;

import java.util.List;
import org.hakmem.api.Allocator;
import org.hakmem.api.Mode;
import org.hakmem.assembly.Hakmem;

/**
 * The hakmem pipelines the benchmarks know by name: "hakmem" as the environment configures it, and the step run
 * that turns the large-block features on one at a time from MINIMAL. The steps set all three switches
 * explicitly, so a HAKMEM_* variable in the environment cannot blur a step. Owns those recipes; never allocates.
 */
public enum PipelineRecipe {
    /** {@code Hakmem.open()}: whatever HAKMEM_* and -Dhakmem.* say (BALANCED by default). */
    CONFIGURED("hakmem", null, null, null),
    MINIMAL("hakmem-minimal", false, false, false),
    MMAP("hakmem-mmap", true, false, false),
    BIGCACHE("hakmem-bigcache", true, true, false),
    BIGCACHE_BATCH("hakmem-bigcache-batch", true, true, true);

    private final String benchName;
    private final Boolean largeMmap;
    private final Boolean bigCache;
    private final Boolean batch;

    PipelineRecipe(String benchName, Boolean largeMmap, Boolean bigCache, Boolean batch) {
        this.benchName = benchName;
        this.largeMmap = largeMmap;
        this.bigCache = bigCache;
        this.batch = batch;
    }

    public String benchName() {
        return benchName;
    }

    /** The step run, in order: each adds one feature to the one before. */
    public static List<PipelineRecipe> steps() {
        return List.of(MINIMAL, MMAP, BIGCACHE, BIGCACHE_BATCH);
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
        if (this != CONFIGURED) {
            builder.mode(Mode.MINIMAL)
                    .set("HAKMEM_LARGE_MMAP", bit(largeMmap))
                    .set("HAKMEM_BIGCACHE", bit(bigCache))
                    .set("HAKMEM_BATCH", bit(batch));
        }
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
