package org.hakmem.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.hakmem.bench.allocators.AllocatorCatalog;
import org.hakmem.bench.allocators.PipelineRecipe;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What a bench run measures and how JMH is asked for it. Up to seven JMH passes: every selected single-threaded
 * scenario for the configured pipeline "hakmem" and the peers; the multi-threaded ones for those that can share
 * blocks across threads; the same two for the mid-range scenarios, where runs shorter than FULL take only
 * {@link #MID_SHORT_LIST}; the step run (hakmem-minimal, -mmap, -bigcache, -bigcache-batch) on vm and coldChurn; the
 * tiny A/B run (hakmem-fast and its variants) on the tiny scenarios; and the mid A/B run (hakmem-fast with and without
 * the mid pool) on the mid-range scenarios. Owns the list of expected runs, in report order, and the JMH options of
 * each pass; never runs JMH.
 */
final class BenchPlan {

    /** One JMH run: these scenarios, each with all these allocators, on one schedule. */
    record Pass(String label, List<Scenario> scenarios, List<String> allocators, RunLength.Schedule schedule) {
    }

    /** The allocators besides the mid A/B run that the mid-range scenarios take in runs shorter than FULL. */
    static final List<String> MID_SHORT_LIST = List.of("hakmem", "glibc", "mimalloc", "tcmalloc", "netty-adaptive");

    private final RunLength length;
    private final List<Pass> passes;

    private BenchPlan(RunLength length, List<Pass> passes) {
        this.length = length;
        this.passes = passes;
    }

    /**
     * @param filter     picks scenarios whose benchmark name (or label) it finds a match in
     * @param allocators the allocators that may run here, any order
     */
    static BenchPlan of(RunLength length, Pattern filter, List<String> allocators) {
        List<Scenario> picked = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            if (filter.matcher(scenario.benchmark()).find() || filter.matcher(scenario.label()).find()) {
                picked.add(scenario);
            }
        }
        Set<String> steps = names(PipelineRecipe.steps());
        Set<String> tinyAb = names(PipelineRecipe.tinyAb());
        Set<String> midAb = names(PipelineRecipe.midAb());
        List<String> main = inCatalogOrder(allocators.stream()
                .filter(name -> !steps.contains(name) && !tinyAb.contains(name) && !midAb.contains(name)).toList());
        List<String> midMain = length.everyAllocatorOnMid ? main
                : main.stream().filter(MID_SHORT_LIST::contains).toList();
        List<String> stepped = inCatalogOrder(allocators.stream().filter(steps::contains).toList());
        List<String> tinyAbs = inCatalogOrder(allocators.stream().filter(tinyAb::contains).toList());
        List<String> midAbs = inCatalogOrder(allocators.stream().filter(midAb::contains).toList());
        List<Scenario> others = picked.stream().filter(scenario -> !scenario.inMidAbRun()).toList();
        List<Scenario> mid = picked.stream().filter(Scenario::inMidAbRun).toList();
        List<Pass> passes = new ArrayList<>();
        RunLength.Schedule usual = length.schedule;
        RunLength.Schedule midRange = length.midSchedule;
        add(passes, "hakmem and peers", byThreads(others, false), main, usual);
        add(passes, "hakmem and peers, several threads", byThreads(others, true), sharing(main), usual);
        add(passes, "mid range: hakmem and peers", byThreads(mid, false), midMain, midRange);
        add(passes, "mid range: hakmem and peers, two threads", byThreads(mid, true), sharing(midMain), midRange);
        add(passes, "step run", picked.stream().filter(Scenario::inStepRun).toList(), stepped, usual);
        add(passes, "tiny A/B run", picked.stream().filter(Scenario::inTinyAbRun).toList(), tinyAbs, usual);
        add(passes, "mid A/B run", mid, midAbs, midRange);
        return new BenchPlan(length, passes);
    }

    /** The scenarios that run on several threads, or those that run on one. */
    private static List<Scenario> byThreads(List<Scenario> scenarios, boolean multiThreaded) {
        return scenarios.stream().filter(scenario -> scenario.multiThreaded() == multiThreaded).toList();
    }

    private static List<String> sharing(List<String> allocators) {
        return allocators.stream().filter(AllocatorCatalog::sharesAcrossThreads).toList();
    }

    private static void add(List<Pass> passes, String label, List<Scenario> scenarios, List<String> allocators,
                            RunLength.Schedule schedule) {
        if (!scenarios.isEmpty() && !allocators.isEmpty()) {
            passes.add(new Pass(label, scenarios, allocators, schedule));
        }
    }

    private static Set<String> names(List<PipelineRecipe> recipes) {
        Set<String> names = new LinkedHashSet<>();
        recipes.forEach(recipe -> names.add(recipe.benchName()));
        return names;
    }

    private static List<String> inCatalogOrder(List<String> names) {
        return names.stream().distinct().sorted(Comparator.comparingInt(AllocatorCatalog::order)).toList();
    }

    List<Pass> passes() {
        return passes;
    }

    /** Every run of every pass, in report order: scenario, then parameters, then allocator. */
    List<PlannedRun> runs() {
        List<PlannedRun> runs = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            List<Map<String, String>> sets = scenario.parameterSets(length);
            for (Map<String, String> set : sets) {
                List<String> allocators = new ArrayList<>();
                for (Pass pass : passes) {
                    if (pass.scenarios().contains(scenario)) {
                        allocators.addAll(pass.allocators());
                    }
                }
                for (String allocator : inCatalogOrder(allocators)) {
                    runs.add(new PlannedRun(scenario, set, allocator));
                }
            }
        }
        return runs;
    }

    /** The JMH options of one pass; {@code forkArguments} are appended to every fork's command line. */
    Options options(Pass pass, List<String> forkArguments) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.MICROSECONDS)
                .threads(1)
                .forks(pass.schedule().forks())
                .warmupIterations(pass.schedule().warmupIterations())
                .warmupTime(pass.schedule().warmupTime())
                .measurementIterations(pass.schedule().measurementIterations())
                .measurementTime(pass.schedule().measurementTime())
                .shouldFailOnError(false)
                .jvmArgsAppend(forkArguments.toArray(String[]::new))
                .param("allocator", pass.allocators().toArray(String[]::new))
                .param("size", length.fixedSizes.toArray(String[]::new))
                .param("workset", length.fixedWorksets.toArray(String[]::new));
        for (Scenario scenario : pass.scenarios()) {
            options.include("^" + Pattern.quote(scenario.benchmark()) + "$");
        }
        return options.build();
    }
}
