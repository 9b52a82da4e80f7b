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
 * What a bench run measures and how JMH is asked for it. Up to five JMH passes: every selected single-threaded
 * scenario for the configured pipeline "hakmem" and the peers; the multi-threaded ones for those that can share
 * blocks across threads; the step run (hakmem-minimal, -mmap, -bigcache, -bigcache-batch) on vm and coldChurn; the
 * tiny A/B run (hakmem-fast and its variants) on the tiny scenarios; and the mid A/B run (hakmem-fast without the mid
 * pool, or with strict frees) on the mid-range scenarios. A pass runs when its allocators are among the ones it is
 * given: {@link AllocatorSelection} leaves the A/B recipes out unless asked for. Owns the list of expected runs, in
 * report order, and the JMH options of each pass; never runs JMH.
 */
final class BenchPlan {

    /** One JMH run: these scenarios, each with all these allocators, on one schedule. */
    record Pass(String label, List<Scenario> scenarios, List<String> allocators, RunLength.Schedule schedule) {
    }

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
        List<String> stepped = inCatalogOrder(allocators.stream().filter(steps::contains).toList());
        List<String> tinyAbs = inCatalogOrder(allocators.stream().filter(tinyAb::contains).toList());
        List<String> midAbs = inCatalogOrder(allocators.stream().filter(midAb::contains).toList());
        List<Pass> passes = new ArrayList<>();
        RunLength.Schedule schedule = length.schedule;
        add(passes, "hakmem and peers", byThreads(picked, false), main, schedule);
        add(passes, "hakmem and peers, several threads", byThreads(picked, true), sharing(main), schedule);
        add(passes, "step run", picked.stream().filter(Scenario::inStepRun).toList(), stepped, schedule);
        add(passes, "tiny A/B run", picked.stream().filter(Scenario::inTinyAbRun).toList(), tinyAbs, schedule);
        add(passes, "mid A/B run", picked.stream().filter(Scenario::inMidAbRun).toList(), midAbs, schedule);
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
                .param("workset", length.fixedWorksets.toArray(String[]::new))
                .param("alignment", length.alignments.toArray(String[]::new));
        for (Scenario scenario : pass.scenarios()) {
            options.include("^" + Pattern.quote(scenario.benchmark()) + "$");
        }
        return options.build();
    }
}
