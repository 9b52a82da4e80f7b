package org.hakmem.bench;

import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long a run takes: forks and iterations (one schedule for most scenarios, one for the mid-range ones), which
 * fixed-size parameters, and whether the mid-range scenarios take every allocator. DEFAULT runs 197 benchmarks with
 * every peer installed, about 14 minutes on two cores: the 113 benchmarks of the other scenarios, about 5 s each (four
 * short measured iterations rather than three long ones, since JMH's 99.9 % error bar over n samples scales with
 * Student's t for n - 1 degrees of freedom: 31.6 for n = 3, 12.9 for n = 4), then 84 mid-range ones (12 scenario
 * shapes x 7 allocators) on a shorter schedule, about 3 s each with the fork's start. QUICK is a smoke test; FULL
 * (every allocator everywhere, 2 forks, longer iterations: 344 benchmarks, about 19 s each, so nearly two hours) is
 * the run to quote numbers from. Owns those numbers; never runs anything.
 */
enum RunLength {
    QUICK(new Schedule(1, 1, TimeValue.milliseconds(200), 2, TimeValue.milliseconds(200)),
            new Schedule(1, 1, TimeValue.milliseconds(200), 2, TimeValue.milliseconds(200)),
            List.of("16", "1024"), List.of("256"), false),
    DEFAULT(new Schedule(1, 2, TimeValue.seconds(1), 4, TimeValue.milliseconds(500)),
            new Schedule(1, 1, TimeValue.milliseconds(500), 4, TimeValue.milliseconds(250)),
            List.of("16", "32", "256"), List.of("256"), false),
    FULL(new Schedule(2, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1)),
            new Schedule(2, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1)),
            List.of("16", "32", "64", "128", "256", "1024"), List.of("128", "256"), true);

    /** Forks, warmup and measured iterations of one benchmark. */
    record Schedule(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
                    TimeValue measurementTime) {

        String describe() {
            return forks + " fork(s), " + warmupIterations + " warmup x " + warmupTime + ", " + measurementIterations
                    + " measurement x " + measurementTime;
        }
    }

    /** The schedule of every scenario but the mid-range ones. */
    final Schedule schedule;
    /** The schedule of the mid-range scenarios (mid, glibcThreadLike, webServerMix, reallocHeavy, aligned). */
    final Schedule midSchedule;
    final List<String> fixedSizes;
    final List<String> fixedWorksets;
    /** Whether the mid-range scenarios take every allocator, or only BenchPlan's short list. */
    final boolean everyAllocatorOnMid;

    RunLength(Schedule schedule, Schedule midSchedule, List<String> fixedSizes, List<String> fixedWorksets,
              boolean everyAllocatorOnMid) {
        this.schedule = schedule;
        this.midSchedule = midSchedule;
        this.fixedSizes = fixedSizes;
        this.fixedWorksets = fixedWorksets;
        this.everyAllocatorOnMid = everyAllocatorOnMid;
    }

    String describe() {
        String text = name().toLowerCase(Locale.ROOT) + ": " + schedule.describe();
        if (!midSchedule.equals(schedule)) {
            text += "; mid-range scenarios " + midSchedule.describe();
        }
        return text + (everyAllocatorOnMid ? "" : "; mid-range scenarios only with " + String.join(", ",
                BenchPlan.MID_SHORT_LIST) + " and the mid A/B recipes");
    }
}
