package org.hakmem.box.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangeTest {

    @Test
    void adjacentRangesInAnyOrderBecomeOneRun() {
        List<Range> pieces = List.of(new Range(0x3000, 0x1000), new Range(0x1000, 0x1000), new Range(0x2000, 0x1000));
        assertEquals(List.of(new Range(0x1000, 0x3000)), Range.coalesce(pieces));
    }

    @Test
    void gapsSeparateRunsAndRunsComeSortedByAddress() {
        List<Range> pieces = List.of(new Range(0x9000, 0x1000), new Range(0x1000, 0x2000), new Range(0x3000, 0x1000),
                new Range(0x5000, 0x1000));
        assertEquals(List.of(new Range(0x1000, 0x3000), new Range(0x5000, 0x1000), new Range(0x9000, 0x1000)),
                Range.coalesce(pieces));
    }

    @Test
    void overlapsMergeSoNoByteIsCoveredTwice() {
        List<Range> pieces = List.of(new Range(0x1000, 0x3000), new Range(0x2000, 0x1000), new Range(0x3000, 0x2000));
        assertEquals(List.of(new Range(0x1000, 0x4000)), Range.coalesce(pieces));
    }

    @Test
    void nothingCoalescesToNothing() {
        assertEquals(List.of(), Range.coalesce(List.of()));
        assertEquals(0, Range.total(List.of()));
        assertEquals(0x3000, Range.total(List.of(new Range(0x1000, 0x1000), new Range(0x8000, 0x2000))));
    }
}
