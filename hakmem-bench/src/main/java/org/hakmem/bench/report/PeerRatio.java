package org.hakmem.bench.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The "vs best peer" column: a row's throughput divided by the best throughput any peer (a non-hakmem allocator)
 * reached on the same workload. Above 1 beats every peer; a peer's own best row is exactly 1.
 * Owns that arithmetic; never decides which allocators are peers (the caller says).
 */
public final class PeerRatio {

    private final Map<String, Double> bestPeerByGroup;

    private PeerRatio(Map<String, Double> bestPeerByGroup) {
        this.bestPeerByGroup = bestPeerByGroup;
    }

    /** Finds the best peer of every group; failed rows never count as a peer's best. */
    public static PeerRatio of(List<Measurement> rows, Predicate<String> isPeer) {
        Map<String, Double> best = new HashMap<>();
        for (Measurement row : rows) {
            if (row.isFailed() || !isPeer.test(row.allocator())) {
                continue;
            }
            best.merge(row.group(), row.opsPerMicrosecond(), Math::max);
        }
        return new PeerRatio(best);
    }

    /** The row's ratio to its group's best peer; NaN when the row failed or its group has no peer. */
    public double ratio(Measurement row) {
        Double best = bestPeerByGroup.get(row.group());
        if (best == null || best <= 0 || row.isFailed()) {
            return Double.NaN;
        }
        return row.opsPerMicrosecond() / best;
    }
}
