package org.hakmem.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "vs best peer" arithmetic: per workload, against the fastest non-hakmem row that did not fail. */
class PeerRatioTest {

    static final Set<String> PEERS = Set.of("glibc", "tcmalloc", "arena");

    static Measurement row(String scenario, String params, String allocator, double ops) {
        return new Measurement(scenario, params, allocator, ops, 0.1, 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void dividesByTheBestPeerOfTheSameWorkload() {
        Measurement hakmem = row("fixedSize", "size=16", "hakmem", 5.0);
        Measurement glibc = row("fixedSize", "size=16", "glibc", 2.0);
        Measurement tcmalloc = row("fixedSize", "size=16", "tcmalloc", 4.0);
        Measurement otherHakmem = row("fixedSize", "size=32", "hakmem", 3.0);
        Measurement otherGlibc = row("fixedSize", "size=32", "glibc", 6.0);
        PeerRatio ratio = PeerRatio.of(List.of(hakmem, glibc, tcmalloc, otherHakmem, otherGlibc), PEERS::contains);

        assertEquals(1.25, ratio.ratio(hakmem), 1e-12);
        assertEquals(0.5, ratio.ratio(glibc), 1e-12);
        assertEquals(1.0, ratio.ratio(tcmalloc), 1e-12);
        assertEquals(0.5, ratio.ratio(otherHakmem), 1e-12);
    }

    @Test
    void aFailedPeerIsNoBestAndAFailedRowHasNoRatio() {
        Measurement hakmem = row("vm", "", "hakmem", 1.0);
        Measurement glibc = row("vm", "", "glibc", 0.5);
        Measurement failedPeer = Measurement.failed("vm", "", "arena");
        PeerRatio ratio = PeerRatio.of(List.of(hakmem, glibc, failedPeer), PEERS::contains);

        assertEquals(2.0, ratio.ratio(hakmem), 1e-12);
        assertTrue(Double.isNaN(ratio.ratio(failedPeer)));
    }

    @Test
    void noPeerNoRatio() {
        Measurement hakmem = row("vm", "", "hakmem", 1.0);
        assertTrue(Double.isNaN(PeerRatio.of(List.of(hakmem), PEERS::contains).ratio(hakmem)));
    }
}
