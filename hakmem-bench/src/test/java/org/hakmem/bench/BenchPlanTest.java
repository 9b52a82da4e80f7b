package org.hakmem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hakmem.bench.allocators.AllocatorCatalog;
import org.hakmem.bench.allocators.PipelineRecipe;
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
        assertEquals(5, plan.passes().size());
        assertEquals(List.of("hakmem", "glibc", "arena"), plan.passes().get(0).allocators());
        assertEquals(List.of(Scenario.VM, Scenario.VM_WRITES, Scenario.COLD_CHURN, Scenario.FIXED_SIZE,
                Scenario.RANDOM_MIXED, Scenario.TINY_HOT, Scenario.MID, Scenario.GLIBC_THREAD_LIKE, Scenario.WEB_SERVER_MIX,
                Scenario.REALLOC_HEAVY, Scenario.ALIGNED), plan.passes().get(0).scenarios());
        assertEquals(List.of("hakmem", "glibc"), plan.passes().get(1).allocators(), "Arena is confined to a thread");
        assertEquals(List.of(Scenario.LARSON, Scenario.PRODUCER_CONSUMER, Scenario.MID_2T,
                Scenario.GLIBC_THREAD_LIKE_2T, Scenario.WEB_SERVER_MIX_2T, Scenario.REALLOC_HEAVY_2T,
                Scenario.ALIGNED_2T), plan.passes().get(1).scenarios());
        assertEquals(List.of("hakmem-minimal", "hakmem-mmap"), plan.passes().get(2).allocators());
        assertEquals(List.of(Scenario.VM, Scenario.COLD_CHURN), plan.passes().get(2).scenarios());
        assertEquals(List.of("hakmem-fast", "hakmem-fast-ultrahot-off"), plan.passes().get(3).allocators());
        assertEquals(List.of(Scenario.FIXED_SIZE, Scenario.RANDOM_MIXED, Scenario.TINY_HOT, Scenario.LARSON,
                Scenario.PRODUCER_CONSUMER), plan.passes().get(3).scenarios());
        assertEquals(List.of("hakmem-fast"), plan.passes().get(4).allocators());
        assertEquals(MID_ONE_THREAD.size() + MID_TWO_THREADS.size(), plan.passes().get(4).scenarios().size());
        assertTrue(plan.passes().stream().allMatch(pass -> pass.schedule().equals(RunLength.DEFAULT.schedule)));
        // vm, coldChurn: 3 + 2 steps each; vmWrites: 3; fixedSize: 2 sizes x 1 workset x (3 + 2 A/B); randomMixed, tinyHot:
        // 3 + 2; larson, producerConsumer: 2 + 2; the mid-range ones (aligned at one alignment): 5 x (3 + 1) on one
        // thread, 5 x (2 + 1) on two.
        assertEquals(5 + 3 + 5 + 2 * 5 + 5 + 5 + 4 + 4 + 5 * 4 + 5 * 3, plan.runs().size());
        PlannedRun first = plan.runs().get(0);
        assertEquals(Scenario.VM, first.scenario());
        assertEquals("hakmem", first.allocator());
        assertEquals("hakmem-minimal", plan.runs().get(1).allocator());
    }

    @Test
    void defaultRunsEveryScenarioForHakmemAndEveryPeerAndTheAbRecipesOnlyWhenAsked() {
        List<String> peers = AllocatorCatalog.PEERS;
        BenchPlan plan = BenchPlan.of(RunLength.DEFAULT, Pattern.compile(""),
                AllocatorSelection.wanted(List.of(), RunSettings.parse().abRuns()));
        for (Scenario scenario : Scenario.values()) {
            Set<String> ran = allocatorsOf(plan, scenario);
            assertTrue(ran.contains("hakmem"), scenario + " runs hakmem");
            for (String peer : peers) {
                boolean confined = scenario.multiThreaded() && !AllocatorCatalog.sharesAcrossThreads(peer);
                assertEquals(!confined, ran.contains(peer), scenario + " with " + peer);
            }
        }
        Set<String> ab = new TreeSet<>();
        PipelineRecipe.tinyAb().forEach(recipe -> ab.add(recipe.benchName()));
        PipelineRecipe.midAb().forEach(recipe -> ab.add(recipe.benchName()));
        assertTrue(ab.contains("hakmem-fast-strict-free-on") && !ab.contains("hakmem-fast-strict-free-off"));
        assertTrue(plan.runs().stream().noneMatch(run -> ab.contains(run.allocator())), "no A/B recipe by default");
        assertTrue(BenchPlan.of(RunLength.QUICK, Pattern.compile(""), AllocatorSelection.wanted(List.of(),
                RunSettings.parse("--quick").abRuns())).runs().stream().noneMatch(run -> ab.contains(run.allocator())));

        for (RunSettings asked : List.of(RunSettings.parse("--ab"), RunSettings.parse("--quick", "--ab"),
                RunSettings.parse("--full"))) {
            BenchPlan withAb = BenchPlan.of(asked.length(), Pattern.compile(""),
                    AllocatorSelection.wanted(asked.allocators(), asked.abRuns()));
            for (Scenario scenario : Scenario.values()) {
                Set<String> ran = allocatorsOf(withAb, scenario);
                List<PipelineRecipe> recipes = scenario.inTinyAbRun() ? PipelineRecipe.tinyAb()
                        : scenario.inMidAbRun() ? PipelineRecipe.midAb() : List.of();
                recipes.forEach(recipe -> assertTrue(ran.contains(recipe.benchName()), asked + ": " + scenario
                        + " with " + recipe.benchName()));
                assertTrue(ran.containsAll(allocatorsOf(plan, scenario)), "the A/B runs only add");
            }
        }

        // Named in --allocators, an A/B recipe runs its A/B runs without --ab.
        RunSettings named = RunSettings.parse("--allocators", "hakmem,hakmem-fast-midpool-off");
        assertTrue(!named.abRuns());
        BenchPlan namedPlan = BenchPlan.of(named.length(), Pattern.compile(""),
                AllocatorSelection.wanted(named.allocators(), named.abRuns()));
        assertEquals(List.of("mid A/B run"), namedPlan.passes().stream().map(BenchPlan.Pass::label)
                .filter(label -> label.contains("A/B")).toList());
        assertEquals(List.of("hakmem-fast-midpool-off"), namedPlan.passes().get(2).allocators());
    }

    private static Set<String> allocatorsOf(BenchPlan plan, Scenario scenario) {
        Set<String> allocators = new TreeSet<>();
        plan.runs().stream().filter(run -> run.scenario() == scenario).forEach(run -> allocators.add(run.allocator()));
        return allocators;
    }

    @Test
    void runCountsMatchRunLengthsJavadoc() {
        List<String> plain = AllocatorSelection.wanted(List.of(), false);
        List<String> every = AllocatorSelection.wanted(List.of(), true);
        assertEquals(AllocatorCatalog.names().stream().filter(name -> !AllocatorCatalog.YARDSTICKS.contains(name))
                .toList(), every, "every allocator but the yardsticks");
        assertEquals(List.of("floor"), AllocatorSelection.wanted(List.of("floor"), false), "a yardstick runs if named");
        List<PlannedRun> runs = BenchPlan.of(RunLength.DEFAULT, Pattern.compile(""), plain).runs();
        long mid = runs.stream().filter(run -> run.scenario().inMidAbRun()).count();
        assertEquals(5 * 8 + 5 * 7, mid, "10 mid-range shapes x 8 allocators, Arena on one thread only");
        assertEquals(153, runs.size());
        assertEquals(153, BenchPlan.of(RunLength.QUICK, Pattern.compile(""), plain).runs().size());
        assertEquals(153 + 60, BenchPlan.of(RunLength.DEFAULT, Pattern.compile(""), every).runs().size(),
                "--ab: 6 tiny shapes x 5 recipes and 10 mid-range shapes x 3");
        assertEquals(364, BenchPlan.of(RunLength.FULL, Pattern.compile(""), every).runs().size());
    }

    @Test
    void alignedRunsAtACacheLineUnlessFull() {
        List<String> two = List.of("hakmem", "glibc");
        List<PlannedRun> runs = BenchPlan.of(RunLength.DEFAULT, Pattern.compile("^aligned"), two).runs();
        assertEquals(2 * 2, runs.size(), "aligned and aligned2t at 64 B, hakmem and glibc");
        assertEquals("16 B-8 KiB x 256 alignment=64", runs.get(0).shape());
        BenchPlan full = BenchPlan.of(RunLength.FULL, Pattern.compile("^aligned"), two);
        assertEquals(2 * 2 * 2, full.runs().size(), "FULL: alignments 64 and 4096");
        assertEquals("16 B-8 KiB x 256 alignment=64", full.runs().get(0).shape());
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
        assertTrue(!settings.ab() && !settings.abRuns());
        assertTrue(RunSettings.parse("--ab").abRuns() && RunSettings.parse("--full").abRuns());
        assertEquals(List.of("hakmem", "glibc"), settings.allocators());
        assertEquals("/tmp/x", settings.reportDirectory().toString());
        assertThrows(IllegalArgumentException.class, () -> RunSettings.parse("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> RunSettings.parse("--filter"));
        assertThrows(IllegalArgumentException.class, () -> RunSettings.parse("--filter", "("));
    }
}
