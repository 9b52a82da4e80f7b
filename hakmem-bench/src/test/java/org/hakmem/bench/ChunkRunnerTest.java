package org.hakmem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every single-threaded scenario runs outside JMH on its benchmark method, and parameters reach the scenario. */
class ChunkRunnerTest {

    static Stream<String> singleThreaded() {
        return Arrays.stream(Scenario.values()).filter(scenario -> !scenario.multiThreaded()).map(Scenario::label);
    }

    @ParameterizedTest
    @MethodSource("singleThreaded")
    void runsTheScenariosOpAndClosesCleanly(String label) {
        try (ChunkRunner runner = new ChunkRunner(label, "hakmem", Map.of())) {
            assertTrue(runner.applyAsLong(3) > 0, label + ": three ops take time");
        }
    }

    @Test
    void givenParametersReplaceTheDefaultsAndUnknownOnesAreRefused() {
        Scenario fixed = ChunkRunner.singleThreaded("fixedSize");
        assertEquals(Map.of("size", "1024", "workset", RunLength.DEFAULT.fixedWorksets.getFirst()),
                ChunkRunner.effective(fixed, Map.of("size", "1024")));
        assertEquals(Map.of("alignment", "4096"),
                ChunkRunner.effective(ChunkRunner.singleThreaded("aligned"), Map.of("alignment", "4096")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ChunkRunner.effective(fixed, Map.of("alignment", "64")));
        assertTrue(unknown.getMessage().contains("fixedSize has no parameter alignment"), unknown.getMessage());
    }

    @Test
    void refusesScenariosOfSeveralThreads() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ChunkRunner.singleThreaded("larson"));
        assertTrue(refused.getMessage().contains("no single-threaded scenario called larson"), refused.getMessage());
    }
}
