package org.hakmem.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hakmem.bench.scenarios.AlignedScenario;
import org.hakmem.bench.scenarios.AlignedTwoThreadsScenario;
import org.hakmem.bench.scenarios.ColdChurnScenario;
import org.hakmem.bench.scenarios.FixedSizeScenario;
import org.hakmem.bench.scenarios.GlibcThreadLikeScenario;
import org.hakmem.bench.scenarios.GlibcThreadLikeTwoThreadsScenario;
import org.hakmem.bench.scenarios.LarsonScenario;
import org.hakmem.bench.scenarios.MidScenario;
import org.hakmem.bench.scenarios.MidTwoThreadsScenario;
import org.hakmem.bench.scenarios.ProducerConsumerScenario;
import org.hakmem.bench.scenarios.RandomMixedScenario;
import org.hakmem.bench.scenarios.ReallocHeavyScenario;
import org.hakmem.bench.scenarios.ReallocHeavyTwoThreadsScenario;
import org.hakmem.bench.scenarios.TinyHotScenario;
import org.hakmem.bench.scenarios.WebServerMixScenario;
import org.hakmem.bench.scenarios.WebServerMixTwoThreadsScenario;
import org.hakmem.bench.scenarios.VmScenario;
import org.hakmem.bench.scenarios.Workset;

/**
 * The scenarios the runner knows, in report order: their JMH benchmark names, their parameter sets for a run length,
 * the text the report shows as their shape, and which extra runs cover them (the step run, the tiny or the mid A/B
 * run) and whether they run on several threads. Owns that catalogue; never runs a benchmark.
 */
enum Scenario {
    VM(VmScenario.class, "vm", "2 MiB x 4 slots", Runs.STEPS),
    VM_WRITES(VmScenario.class, "vmWrites", "vm's writes alone, no free/malloc", Runs.NONE),
    COLD_CHURN(ColdChurnScenario.class, "coldChurn", "100 x 2 MiB", Runs.STEPS),
    FIXED_SIZE(FixedSizeScenario.class, "fixedSize", null, Runs.TINY_AB),
    RANDOM_MIXED(RandomMixedScenario.class, "randomMixed", RandomMixedScenario.MIN_SIZE + "-"
            + RandomMixedScenario.MAX_SIZE + " B workset=" + RandomMixedScenario.WORKSET, Runs.TINY_AB),
    TINY_HOT(TinyHotScenario.class, "tinyHot", "16/32/16/64 B malloc+free", Runs.TINY_AB),
    LARSON(LarsonScenario.class, "larson", "2 threads x 1024 slots, 16-1016 B, threads replaced",
            Runs.TINY_AB_THREADS),
    PRODUCER_CONSUMER(ProducerConsumerScenario.class, "producerConsumer", "1 -> 1 thread, 16-1016 B",
            Runs.TINY_AB_THREADS),
    MID(MidScenario.class, "mid", "1-32 KiB workset=256", Runs.MID_AB),
    MID_2T(MidTwoThreadsScenario.class, "mid2t", "2 threads x 256 slots, 1-32 KiB", Runs.MID_AB_THREADS),
    GLIBC_THREAD_LIKE(GlibcThreadLikeScenario.class, "glibcThreadLike", "4 B-32 KiB log-uniform x 1024, all bytes",
            Runs.MID_AB),
    GLIBC_THREAD_LIKE_2T(GlibcThreadLikeTwoThreadsScenario.class, "glibcThreadLike2t",
            "2 threads x 1024, 4 B-32 KiB log-uniform, all bytes", Runs.MID_AB_THREADS),
    WEB_SERVER_MIX(WebServerMixScenario.class, "webServerMix", "80/15/5 % <1K/1-64K/64-256K x 256", Runs.MID_AB),
    WEB_SERVER_MIX_2T(WebServerMixTwoThreadsScenario.class, "webServerMix2t",
            "2 threads x 256, 80/15/5 % <1K/1-64K/64-256K", Runs.MID_AB_THREADS),
    REALLOC_HEAVY(ReallocHeavyScenario.class, "reallocHeavy", "16-64 B grown x1.5/x2 to 32 KiB x 256", Runs.MID_AB),
    REALLOC_HEAVY_2T(ReallocHeavyTwoThreadsScenario.class, "reallocHeavy2t",
            "2 threads x 256, 16-64 B grown to 32 KiB", Runs.MID_AB_THREADS),
    ALIGNED(AlignedScenario.class, "aligned", "16 B-8 KiB x 256", Runs.MID_AB),
    ALIGNED_2T(AlignedTwoThreadsScenario.class, "aligned2t", "2 threads x 256, 16 B-8 KiB", Runs.MID_AB_THREADS);

    /** Which extra allocators a scenario also runs with, and whether it runs on several threads. */
    enum Runs {
        /** No extra run: the scenario runs for "hakmem" and the peers only. */
        NONE,
        /** The step run (MINIMAL and one large-block feature at a time). */
        STEPS,
        /** The tiny A/B run (FAST, UltraHot off, HeapV2 Leftover, HeapV2 off, strict free on). */
        TINY_AB,
        /** The tiny A/B run, on several threads: allocators confined to one thread (Arena) cannot take part. */
        TINY_AB_THREADS,
        /**
         * The mid A/B run (FAST, mid pool off, strict free on); these scenarios also count their live bytes.
         */
        MID_AB,
        /** The mid A/B run, on two threads: allocators confined to one thread (Arena) cannot take part. */
        MID_AB_THREADS
    }

    private final Class<? extends Workset> type;
    private final String method;
    private final String fixedShape;
    private final Runs runs;

    Scenario(Class<? extends Workset> type, String method, String fixedShape, Runs runs) {
        this.type = type;
        this.method = method;
        this.fixedShape = fixedShape;
        this.runs = runs;
    }

    /** The JMH benchmark name, e.g. {@code org.hakmem.bench.scenarios.VmScenario.vm}. */
    String benchmark() {
        return type.getName() + "." + method;
    }

    /** The name in the report. */
    String label() {
        return method;
    }

    boolean inStepRun() {
        return runs == Runs.STEPS;
    }

    boolean inTinyAbRun() {
        return runs == Runs.TINY_AB || runs == Runs.TINY_AB_THREADS;
    }

    /** The mid-range scenarios: the mid A/B run covers them, and they report their memory. */
    boolean inMidAbRun() {
        return runs == Runs.MID_AB || runs == Runs.MID_AB_THREADS;
    }

    /** Whether several threads share the allocator here, which rules out allocators confined to one thread. */
    boolean multiThreaded() {
        return runs == Runs.TINY_AB_THREADS || runs == Runs.MID_AB_THREADS;
    }

    /** Every combination of this scenario's JMH parameters (besides the allocator) in a run of this length. */
    List<Map<String, String>> parameterSets(RunLength length) {
        if (this == ALIGNED || this == ALIGNED_2T) {
            return length.alignments.stream().map(alignment -> Map.of("alignment", alignment)).toList();
        }
        if (this != FIXED_SIZE) {
            return List.of(Map.of());
        }
        List<Map<String, String>> sets = new ArrayList<>();
        for (String size : length.fixedSizes) {
            for (String workset : length.fixedWorksets) {
                Map<String, String> set = new LinkedHashMap<>();
                set.put("size", size);
                set.put("workset", workset);
                sets.add(set);
            }
        }
        return sets;
    }

    /** The params column: the fixed shape, then the parameters as {@code key=value}. */
    String shape(Map<String, String> parameters) {
        StringBuilder shape = new StringBuilder(fixedShape == null ? "" : fixedShape);
        parameters.forEach((key, value) -> shape.append(shape.isEmpty() ? "" : " ").append(key).append('=').append(value));
        return shape.toString();
    }

    /** The scenario whose benchmark is called {@code benchmark}, or null. */
    static Scenario ofBenchmark(String benchmark) {
        for (Scenario scenario : values()) {
            if (scenario.benchmark().equals(benchmark)) {
                return scenario;
            }
        }
        return null;
    }
}
