package org.hakmem.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hakmem.bench.scenarios.ColdChurnScenario;
import org.hakmem.bench.scenarios.FixedSizeScenario;
import org.hakmem.bench.scenarios.RandomMixedScenario;
import org.hakmem.bench.scenarios.VmScenario;
import org.hakmem.bench.scenarios.Workset;

/**
 * The scenarios the runner knows, in report order: their JMH benchmark names, their parameter sets for a run length,
 * the text the report shows as their shape, and whether the step run (MINIMAL and one feature at a time) covers
 * them. Owns that catalogue; never runs a benchmark.
 */
enum Scenario {
    VM(VmScenario.class, "vm", "2 MiB x 4 slots", true),
    COLD_CHURN(ColdChurnScenario.class, "coldChurn", "100 x 2 MiB", true),
    FIXED_SIZE(FixedSizeScenario.class, "fixedSize", null, false),
    RANDOM_MIXED(RandomMixedScenario.class, "randomMixed", RandomMixedScenario.MIN_SIZE + "-"
            + RandomMixedScenario.MAX_SIZE + " B workset=" + RandomMixedScenario.WORKSET, false);

    private final Class<? extends Workset> type;
    private final String method;
    private final String fixedShape;
    private final boolean inStepRun;

    Scenario(Class<? extends Workset> type, String method, String fixedShape, boolean inStepRun) {
        this.type = type;
        this.method = method;
        this.fixedShape = fixedShape;
        this.inStepRun = inStepRun;
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
        return inStepRun;
    }

    /** Every combination of this scenario's JMH parameters (besides the allocator) in a run of this length. */
    List<Map<String, String>> parameterSets(RunLength length) {
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

    /** The params column: the fixed shape, or the parameters as {@code key=value}. */
    String shape(Map<String, String> parameters) {
        if (fixedShape != null) {
            return fixedShape;
        }
        StringBuilder shape = new StringBuilder();
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
