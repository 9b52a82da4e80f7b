package org.hakmem.bench;

import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long a run takes: forks and iterations, which fixed-size and alignment parameters, and whether the A/B runs
 * are part of it without being asked for. DEFAULT runs every scenario once for "hakmem" and every peer, and the step
 * run: 153 benchmarks with every peer installed (fixedSize at 16 and 256 B, aligned at 64 B only), each 1 x 0.5 s
 * warmup and 4 x 0.25 s measured, about 2.0 s with the fork's start: 5 min 3 s measured on two cores. Four short
 * measured iterations rather than three long ones, since JMH's 99.9 % error bar over n samples scales with Student's
 * t for n - 1 degrees of freedom: 31.6 for n = 3, 12.9 for n = 4. {@code --ab} adds the tiny and the mid A/B runs
 * (60 benchmarks more, about 2 minutes). QUICK is a smoke test of the same plan (153 benchmarks, about 1.1 s each: 2 min 47 s measured).
 * FULL (every parameter, the A/B runs, 2 forks, longer iterations: 364 benchmarks, about 19 s each, so nearly two
 * hours) is the run to quote numbers from. Owns those numbers; never runs anything.
 */
enum RunLength {
    QUICK(new Schedule(1, 1, TimeValue.milliseconds(200), 2, TimeValue.milliseconds(200)),
            List.of("16", "1024"), List.of("256"), List.of("64"), false),
    DEFAULT(new Schedule(1, 1, TimeValue.milliseconds(500), 4, TimeValue.milliseconds(250)),
            List.of("16", "256"), List.of("256"), List.of("64"), false),
    FULL(new Schedule(2, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1)),
            List.of("16", "32", "64", "128", "256", "1024"), List.of("128", "256"), List.of("64", "4096"), true);

    /** Forks, warmup and measured iterations of one benchmark. */
    record Schedule(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
                    TimeValue measurementTime) {

        String describe() {
            return forks + " fork(s), " + warmupIterations + " warmup x " + warmupTime + ", " + measurementIterations
                    + " measurement x " + measurementTime;
        }
    }

    /** The schedule of every benchmark. */
    final Schedule schedule;
    /** The {@code size} parameter of fixedSize. */
    final List<String> fixedSizes;
    /** The {@code workset} parameter of fixedSize. */
    final List<String> fixedWorksets;
    /** The {@code alignment} parameter of aligned and aligned2t. */
    final List<String> alignments;
    /** Whether the tiny and mid A/B runs belong to this length without {@code --ab}. */
    final boolean abRuns;

    RunLength(Schedule schedule, List<String> fixedSizes, List<String> fixedWorksets, List<String> alignments,
              boolean abRuns) {
        this.schedule = schedule;
        this.fixedSizes = fixedSizes;
        this.fixedWorksets = fixedWorksets;
        this.alignments = alignments;
        this.abRuns = abRuns;
    }

    String describe() {
        return name().toLowerCase(Locale.ROOT) + ": " + schedule.describe() + "; fixedSize " + String.join("/",
                fixedSizes) + " B, aligned " + String.join("/", alignments);
    }
}
