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

    static final List<String> ALLOCATORS = List.of("glibc", "hakmem-mmap", "hakmem", "hakmem-minimal", "arena");

    @Test
    void stepRunCoversOnlyVmAndColdChurn() {
        BenchPlan plan = BenchPlan.of(RunLength.DEFAULT, Pattern.compile(""), ALLOCATORS);
        assertEquals(2, plan.passes().size());
        assertEquals(List.of("hakmem", "glibc", "arena"), plan.passes().get(0).allocators());
        assertEquals(List.of("hakmem-minimal", "hakmem-mmap"), plan.passes().get(1).allocators());
        assertEquals(List.of(Scenario.VM, Scenario.COLD_CHURN), plan.passes().get(1).scenarios());
        // vm, coldChurn: 3 + 2 steps each; fixedSize: 4 sizes x 1 workset x 3; randomMixed: 3.
        assertEquals(5 + 5 + 12 + 3, plan.runs().size());
        PlannedRun first = plan.runs().get(0);
        assertEquals(Scenario.VM, first.scenario());
        assertEquals("hakmem", first.allocator());
        assertEquals("hakmem-minimal", plan.runs().get(1).allocator());
    }

    @Test
    void filterPicksScenariosByName() {
        BenchPlan plan = BenchPlan.of(RunLength.FULL, Pattern.compile("fixed"), ALLOCATORS);
        assertEquals(1, plan.passes().size());
        assertEquals(6 * 2 * 3, plan.runs().size());
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
