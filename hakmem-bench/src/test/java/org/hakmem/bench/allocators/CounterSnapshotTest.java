package org.hakmem.bench.allocators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Iteration deltas are field by field. */
class CounterSnapshotTest {

    @Test
    void minusSubtractsEachCounter() {
        CounterSnapshot later = new CounterSnapshot(100, 20, 10, 7, 3, 50);
        CounterSnapshot earlier = new CounterSnapshot(40, 5, 4, 2, 1, 10);
        assertEquals(new CounterSnapshot(60, 15, 6, 5, 2, 40), later.minus(earlier));
    }
}
