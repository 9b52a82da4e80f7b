// Owns: one address range and the coalescing of many into sorted, disjoint runs.
// Must never: make a syscall or read memory; it is arithmetic on addresses only.
package org.hakmem.box.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** {@code [base, base + length)}. */
record Range(long base, long length) {

    long end() {
        return base + length;
    }

    /**
     * The ranges sorted by address with adjacent ones merged into single runs: consecutive mmaps are often adjacent,
     * so a flush makes one madvise (and later one munmap) per run instead of one per block. Overlapping ranges (a
     * mapping released twice, which is the caller's bug) are merged too, so no byte is ever unmapped twice in one go.
     */
    static List<Range> coalesce(List<Range> ranges) {
        Range[] sorted = ranges.toArray(Range[]::new);
        Arrays.sort(sorted, Comparator.comparingLong(Range::base));
        List<Range> runs = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            long start = sorted[i].base();
            long end = sorted[i].end();
            for (i++; i < sorted.length && sorted[i].base() <= end; i++) {
                end = Math.max(end, sorted[i].end());
            }
            runs.add(new Range(start, end - start));
        }
        return runs;
    }

    /** The sum of the lengths. */
    static long total(List<Range> ranges) {
        long sum = 0;
        for (Range range : ranges) {
            sum += range.length();
        }
        return sum;
    }
}
