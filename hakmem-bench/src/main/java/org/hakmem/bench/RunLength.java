package org.hakmem.bench;

import java.util.List;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long a run takes: forks, iterations and which fixed-size parameters. DEFAULT fits in about five minutes on two
 * cores with every peer installed (64 benchmarks); five short measured iterations rather than three long ones, since
 * JMH's 99.9 % error bar over n samples scales with Student's t for n - 1 degrees of freedom (31.6 for n = 3, 8.6 for
 * n = 5). QUICK is a smoke test; FULL (128 benchmarks, about 40 minutes) is the run to quote numbers from. Owns those numbers; never runs anything.
 */
enum RunLength {
    QUICK(1, 1, TimeValue.milliseconds(200), 2, TimeValue.milliseconds(200), List.of("16", "1024"), List.of("256"),
            false),
    DEFAULT(1, 2, TimeValue.seconds(1), 4, TimeValue.milliseconds(500), List.of("16", "32", "256"), List.of("256"),
            false),
    FULL(2, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1),
            List.of("16", "32", "64", "128", "256", "1024"), List.of("128", "256"), true);

    final int forks;
    final int warmupIterations;
    final TimeValue warmupTime;
    final int measurementIterations;
    final TimeValue measurementTime;
    final List<String> fixedSizes;
    final List<String> fixedWorksets;
    /** Whether the mid-range scenarios take every allocator, or only BenchPlan's short list. */
    final boolean everyAllocatorOnMid;

    RunLength(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
              TimeValue measurementTime, List<String> fixedSizes, List<String> fixedWorksets,
              boolean everyAllocatorOnMid) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
        this.fixedSizes = fixedSizes;
        this.fixedWorksets = fixedWorksets;
        this.everyAllocatorOnMid = everyAllocatorOnMid;
    }

    String describe() {
        return name().toLowerCase(java.util.Locale.ROOT) + ": " + forks + " fork(s), " + warmupIterations
                + " warmup x " + warmupTime + ", " + measurementIterations + " measurement x " + measurementTime;
    }
}
