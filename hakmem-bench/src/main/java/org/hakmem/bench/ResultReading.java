package org.hakmem.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hakmem.bench.allocators.AllocatorCatalog;
import org.hakmem.bench.report.Measurement;
import org.hakmem.bench.scenarios.CounterNames;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH's results into the report's rows, one per planned run and in plan order. Counters become per-op values
 * by dividing by the operations counted over the same iterations; the memory readings, set once per fork, by dividing
 * by the number of such readings, and from bytes to MiB. A planned run with no result, a NaN score or no
 * operations becomes a FAILED row; syscall counters of peers become "not reported". Owns that reading; never
 * formats.
 */
final class ResultReading {

    private static final double MIB = 1024.0 * 1024.0;

    private ResultReading() {
    }

    static List<Measurement> read(List<PlannedRun> plan, Collection<RunResult> results) {
        Map<PlannedRun, RunResult> byRun = new HashMap<>();
        for (RunResult result : results) {
            Scenario scenario = Scenario.ofBenchmark(result.getParams().getBenchmark());
            if (scenario != null) {
                byRun.put(new PlannedRun(scenario, ParameterMaps.of(result.getParams()),
                        result.getParams().getParam("allocator")), result);
            }
        }
        List<Measurement> rows = new ArrayList<>();
        for (PlannedRun run : plan) {
            rows.add(measurement(run, byRun.get(run)));
        }
        return rows;
    }

    private static Measurement measurement(PlannedRun run, RunResult result) {
        String label = run.scenario().label();
        if (result == null || result.getPrimaryResult() == null) {
            return Measurement.failed(label, run.shape(), run.allocator());
        }
        double score = result.getPrimaryResult().getScore();
        double operations = value(result, CounterNames.OPERATIONS);
        if (!Double.isFinite(score) || !(operations > 0)) {
            return Measurement.failed(label, run.shape(), run.allocator());
        }
        boolean syscalls = AllocatorCatalog.isHakmem(run.allocator());
        return new Measurement(label, run.shape(), run.allocator(), score, result.getPrimaryResult().getScoreError(),
                value(result, CounterNames.MINOR_FAULTS) / operations,
                syscalls ? value(result, CounterNames.MMAP) / operations : Double.NaN,
                syscalls ? value(result, CounterNames.MUNMAP) / operations : Double.NaN,
                syscalls ? value(result, CounterNames.MADVISE) / operations : Double.NaN,
                syscalls ? value(result, CounterNames.BATCH_FLUSHES) / operations : Double.NaN,
                syscalls ? value(result, CounterNames.BIGCACHE_HITS) / operations : Double.NaN,
                memory(result, CounterNames.PEAK_LIVE_BYTES), memory(result, CounterNames.PEAK_RSS_BYTES));
    }

    /** A memory reading in MiB; NaN for scenarios that take none. */
    private static double memory(RunResult result, String name) {
        double samples = value(result, CounterNames.MEMORY_SAMPLES);
        return samples > 0 ? value(result, name) / samples / MIB : Double.NaN;
    }

    private static double value(RunResult result, String name) {
        Result<?> counter = result.getSecondaryResults().get(name);
        return counter == null ? Double.NaN : counter.getScore();
    }
}
