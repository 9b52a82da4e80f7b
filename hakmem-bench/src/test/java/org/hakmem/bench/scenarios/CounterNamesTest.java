package org.hakmem.bench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JMH names secondary results after OpCounters' public fields; the runner reads them by CounterNames. */
class CounterNamesTest {

    @Test
    void everyCounterFieldHasItsName() {
        List<String> fields = new ArrayList<>();
        for (Field field : OpCounters.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field.getName());
            }
        }
        assertEquals(CounterNames.ALL.stream().sorted().toList(), fields.stream().sorted().toList());
    }
}
