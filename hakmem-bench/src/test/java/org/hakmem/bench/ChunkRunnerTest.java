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

/** Every scenario runs outside JMH on its benchmark method, and parameters reach the scenario. */
class ChunkRunnerTest {

    static Stream<String> everyScenario() {
        return Arrays.stream(Scenario.values()).map(Scenario::label);
    }

    @ParameterizedTest
    @MethodSource("everyScenario")
    void runsTheScenariosBenchmarkMethodAndClosesCleanly(String label) {
        try (ChunkRunner runner = new ChunkRunner(label, "hakmem", Map.of())) {
            assertTrue(runner.applyAsLong(2) > 0, label + ": two calls take time");
            assertEquals(ChunkRunner.named(label).multiThreaded(), runner.getAsInt() > 1,
                    label + ": several ops a call on several threads, one on one: " + runner.getAsInt());
        }
    }

    @Test
    void givenParametersReplaceTheDefaultsAndUnknownOnesAreRefused() {
        Scenario fixed = ChunkRunner.named("fixedSize");
        assertEquals(Map.of("size", "1024", "workset", RunLength.DEFAULT.fixedWorksets.getFirst()),
                ChunkRunner.effective(fixed, Map.of("size", "1024")));
        assertEquals(Map.of("alignment", "4096"),
                ChunkRunner.effective(ChunkRunner.named("aligned"), Map.of("alignment", "4096")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ChunkRunner.effective(fixed, Map.of("alignment", "64")));
        assertTrue(unknown.getMessage().contains("fixedSize has no parameter alignment"), unknown.getMessage());
    }

    @Test
    void refusesUnknownScenarios() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ChunkRunner.named("jsonParse"));
        assertTrue(refused.getMessage().contains("no scenario called jsonParse"), refused.getMessage());
    }
}
