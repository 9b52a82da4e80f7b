package org.hakmem.bench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every mid-range scenario runs its whole JMH life (open, one measured iteration of a few calls, close) without JMH,
 * on glibc, Unsafe and the configured hakmem pipeline: the op count is right, the memory readings are taken, and
 * every block is freed (hakmem warns loudly otherwise).
 */
class LaneScenarioTest {

    record Shape(String name, Supplier<LaneScenario> make, long alignment) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("mid", MidScenario::new, 0),
            new Shape("mid2t", MidTwoThreadsScenario::new, 0),
            new Shape("glibcThreadLike", GlibcThreadLikeScenario::new, 0),
            new Shape("glibcThreadLike2t", GlibcThreadLikeTwoThreadsScenario::new, 0),
            new Shape("webServerMix", WebServerMixScenario::new, 0),
            new Shape("webServerMix2t", WebServerMixTwoThreadsScenario::new, 0),
            new Shape("reallocHeavy", ReallocHeavyScenario::new, 0),
            new Shape("reallocHeavy2t", ReallocHeavyTwoThreadsScenario::new, 0),
            new Shape("aligned", AlignedScenario::new, 4096),
            new Shape("aligned2t", AlignedTwoThreadsScenario::new, 64));

    static Stream<Arguments> runs() {
        return Stream.of("glibc", "unsafe", "hakmem")
                .flatMap(allocator -> SHAPES.stream().map(shape -> Arguments.of(shape, allocator)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void oneMeasuredIteration(Shape shape, String allocator) throws Exception {
        LaneScenario scenario = shape.make().get();
        scenario.allocator = allocator;
        if (scenario instanceof AlignedScenario aligned) {
            aligned.alignment = shape.alignment();
        } else if (scenario instanceof AlignedTwoThreadsScenario aligned) {
            aligned.alignment = shape.alignment();
        }
        scenario.open();
        OpCounters counters = new OpCounters();
        try {
            scenario.startIteration(counters,
                    new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.milliseconds(1), 1));
            int calls = scenario.threads() == 1 ? 5000 : 2;
            for (int call = 0; call < calls; call++) {
                benchmark(scenario, shape.name());
            }
            scenario.endIteration();
        } finally {
            scenario.close();
        }
        long expected = scenario.threads() == 1 ? 5000 : 2L * 2 * LaneScenario.OPS_PER_LANE;
        assertEquals(expected, counters.operations);
        assertEquals(1, counters.memorySamples, "the last measured iteration reports memory");
        assertTrue(counters.peakLiveBytes >= 16L * scenario.slots(), "peak live " + counters.peakLiveBytes);
        // The RSS rise is whatever the OS says (a test JVM may reuse pages an earlier test freed): only its presence
        // is checked, by memorySamples above.
    }

    /** Calls the scenario's one {@code @Benchmark} method, by the name the report uses. */
    private static void benchmark(LaneScenario scenario, String method) throws Exception {
        scenario.getClass().getMethod(method).invoke(scenario);
    }
}
