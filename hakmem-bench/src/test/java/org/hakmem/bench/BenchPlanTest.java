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

    @Test
    void stepRunCoversOnlyVmAndColdChurnAndTheTinyAbRunOnlyTheTinyScenarios() {
        BenchPlan plan = BenchPlan.of(RunLength.DEFAULT, Pattern.compile(""), ALLOCATORS);
        assertEquals(4, plan.passes().size());
        assertEquals(List.of("hakmem", "glibc", "arena"), plan.passes().get(0).allocators());
        assertEquals(List.of("hakmem", "glibc"), plan.passes().get(1).allocators(), "Arena is confined to a thread");
        assertEquals(List.of(Scenario.LARSON, Scenario.PRODUCER_CONSUMER), plan.passes().get(1).scenarios());
        assertEquals(List.of("hakmem-minimal", "hakmem-mmap"), plan.passes().get(2).allocators());
        assertEquals(List.of(Scenario.VM, Scenario.COLD_CHURN), plan.passes().get(2).scenarios());
        assertEquals(List.of("hakmem-fast", "hakmem-fast-ultrahot-off"), plan.passes().get(3).allocators());
        assertEquals(List.of(Scenario.FIXED_SIZE, Scenario.RANDOM_MIXED, Scenario.TINY_HOT, Scenario.LARSON,
                Scenario.PRODUCER_CONSUMER), plan.passes().get(3).scenarios());
        // vm, coldChurn: 3 + 2 steps each; fixedSize: 3 sizes x 1 workset x (3 + 2 A/B); randomMixed, tinyHot:
        // 3 + 2; larson, producerConsumer: 2 + 2.
        assertEquals(5 + 5 + 3 * 5 + 5 + 5 + 4 + 4, plan.runs().size());
        PlannedRun first = plan.runs().get(0);
        assertEquals(Scenario.VM, first.scenario());
        assertEquals("hakmem", first.allocator());
        assertEquals("hakmem-minimal", plan.runs().get(1).allocator());
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
