package org.hakmem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.hakmem.bench.report.Measurement;
import org.junit.jupiter.api.Test;

/** Which runs a bench run expects, and that the ones that come back empty still get a FAILED row. */
class BenchPlanTest {

    static final List<String> ALLOCATORS = List.of("glibc", "hakmem-mmap", "hakmem", "hakmem-minimal", "arena",
            "hakmem-fast-ultrahot-off", "hakmem-fast");

    static final List<Scenario> MID_ONE_THREAD = List.of(Scenario.MID, Scenario.GLIBC_THREAD_LIKE,
            Scenario.WEB_SERVER_MIX, Scenario.REALLOC_HEAVY, Scenario.ALIGNED);
    static final List<Scenario> MID_TWO_THREADS = List.of(Scenario.MID_2T, Scenario.GLIBC_THREAD_LIKE_2T,
            Scenario.WEB_SERVER_MIX_2T, Scenario.REALLOC_HEAVY_2T, Scenario.ALIGNED_2T);

    @Test
    void stepRunCoversOnlyVmAndColdChurnAndTheAbRunsOnlyTheirScenarios() {
        BenchPlan plan = BenchPlan.of(RunLength.DEFAULT, Pattern.compile(""), ALLOCATORS);
        assertEquals(7, plan.passes().size());
        assertEquals(List.of("hakmem", "glibc", "arena"), plan.passes().get(0).allocators());
        assertEquals(List.of("hakmem", "glibc"), plan.passes().get(1).allocators(), "Arena is confined to a thread");
        assertEquals(List.of(Scenario.LARSON, Scenario.PRODUCER_CONSUMER), plan.passes().get(1).scenarios());
        assertEquals(List.of("hakmem", "glibc"), plan.passes().get(2).allocators(), "arena is not on the short list");
        assertEquals(MID_ONE_THREAD, plan.passes().get(2).scenarios());
        assertEquals(List.of("hakmem", "glibc"), plan.passes().get(3).allocators());
        assertEquals(MID_TWO_THREADS, plan.passes().get(3).scenarios());
        assertEquals(List.of("hakmem-minimal", "hakmem-mmap"), plan.passes().get(4).allocators());
        assertEquals(List.of(Scenario.VM, Scenario.COLD_CHURN), plan.passes().get(4).scenarios());
        assertEquals(List.of("hakmem-fast", "hakmem-fast-ultrahot-off"), plan.passes().get(5).allocators());
        assertEquals(List.of(Scenario.FIXED_SIZE, Scenario.RANDOM_MIXED, Scenario.TINY_HOT, Scenario.LARSON,
                Scenario.PRODUCER_CONSUMER), plan.passes().get(5).scenarios());
        assertEquals(List.of("hakmem-fast"), plan.passes().get(6).allocators());
        assertEquals(12, plan.passes().get(6).scenarios().size() + 2, "every mid-range scenario, aligned twice");
        // vm, coldChurn: 3 + 2 steps each; fixedSize: 3 sizes x 1 workset x (3 + 2 A/B); randomMixed, tinyHot:
        // 3 + 2; larson, producerConsumer: 2 + 2; the mid-range ones: 12 shapes x (2 + 1 A/B).
        assertEquals(5 + 5 + 3 * 5 + 5 + 5 + 4 + 4 + 12 * 3, plan.runs().size());
        PlannedRun first = plan.runs().get(0);
        assertEquals(Scenario.VM, first.scenario());
        assertEquals("hakmem", first.allocator());
        assertEquals("hakmem-minimal", plan.runs().get(1).allocator());
    }

    @Test
    void midRangeScenariosTakeTheShortListUnlessFull() {
        List<String> every = org.hakmem.bench.allocators.AllocatorCatalog.names();
        BenchPlan plan = BenchPlan.of(RunLength.DEFAULT, Pattern.compile("^(mid|aligned)"), every);
        assertEquals(3, plan.passes().size());
        assertEquals(BenchPlan.MID_SHORT_LIST, plan.passes().get(0).allocators());
        assertEquals(BenchPlan.MID_SHORT_LIST, plan.passes().get(1).allocators());
        assertEquals(List.of("hakmem-fast", "hakmem-fast-midpool-off"), plan.passes().get(2).allocators());
        assertEquals(RunLength.DEFAULT.midSchedule, plan.passes().get(0).schedule());
        // mid, mid2t, aligned and aligned2t at two alignments: 6 shapes x 7 allocators.
        assertEquals(6 * 7, plan.runs().size());
        assertEquals("16 B-8 KiB x 256 alignment=4096", plan.runs().stream()
                .filter(run -> run.scenario() == Scenario.ALIGNED).toList().get(7).shape());

        BenchPlan full = BenchPlan.of(RunLength.FULL, Pattern.compile("^mid"), every);
        assertTrue(full.passes().get(0).allocators().containsAll(List.of("unsafe", "arena", "netty-pooled")));
        assertTrue(!full.passes().get(1).allocators().contains("arena"), "Arena is confined to a thread");
        assertEquals(List.of("hakmem-fast", "hakmem-fast-midpool-off"), full.passes().get(2).allocators());
    }

    @Test
    void defaultRunCountMatchesRunLengthsJavadoc() {
        List<String> every = org.hakmem.bench.allocators.AllocatorCatalog.names();
        List<PlannedRun> runs = BenchPlan.of(RunLength.DEFAULT, Pattern.compile(""), every).runs();
        long mid = runs.stream().filter(run -> run.scenario().inMidAbRun()).count();
        assertEquals(84, mid, "12 mid-range shapes x 7 allocators");
        assertEquals(113 + 84, runs.size());
        assertEquals(344, BenchPlan.of(RunLength.FULL, Pattern.compile(""), every).runs().size());
    }

    @Test
    void filterPicksScenariosByName() {
        BenchPlan plan = BenchPlan.of(RunLength.FULL, Pattern.compile("fixed"), ALLOCATORS);
        assertEquals(2, plan.passes().size(), "hakmem and peers, then the tiny A/B run");
        assertEquals(6 * 2 * 5, plan.runs().size());
        assertEquals("size=16 workset=128", plan.runs().get(0).shape());
    }

    @Test
    void missingResultsBecomeFailedRows() {
        BenchPlan plan = BenchPlan.of(RunLength.QUICK, Pattern.compile("^vm$"), List.of("hakmem", "glibc"));
        List<Measurement> rows = ResultReading.read(plan.runs(), List.of());
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(Measurement::isFailed));
        assertEquals("2 MiB x 4 slots", rows.get(0).params());
    }

    @Test
    void settingsParseTheRunnersFlags() {
        RunSettings settings = RunSettings.parse("--quick", "--filter", "vm", "--allocators", "hakmem, glibc",
                "--report-dir", "/tmp/x");
        assertEquals(RunLength.QUICK, settings.length());
        assertEquals(List.of("hakmem", "glibc"), settings.allocators());
        assertEquals("/tmp/x", settings.reportDirectory().toString());
        assertThrows(IllegalArgumentException.class, () -> RunSettings.parse("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> RunSettings.parse("--filter"));
        assertThrows(IllegalArgumentException.class, () -> RunSettings.parse("--filter", "("));
    }
}
