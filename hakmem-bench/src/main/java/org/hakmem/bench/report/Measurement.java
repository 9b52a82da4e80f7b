package org.hakmem.bench.report;

/**
 * One row of results: an allocator in one scenario with one set of parameters, its throughput and its counters
 * per operation, and for the mid-range scenarios their memory. NaN means "not reported" and is rendered as "-" (a peer
 * has no syscall counters, most scenarios no memory readings); a NaN
 * throughput means the benchmark failed and is rendered as FAILED, never as a number.
 * Owns the data of a row; never formats it.
 *
 * @param scenario          the scenario, as the benchmark method is called ({@code fixedSize})
 * @param params            the scenario's shape and parameters, for humans ({@code size=16 workset=256})
 * @param allocator         the allocator's name ({@code hakmem}, {@code glibc}, ...)
 * @param opsPerMicrosecond throughput
 * @param error             the 99.9 % confidence half-width of the throughput, NaN when JMH had too few samples
 * @param minorFaults       process-wide minor page faults per op
 * @param mmapCalls         mmap calls per op (hakmem only)
 * @param munmapCalls       munmap calls per op (hakmem only)
 * @param madviseCalls      madvise calls per op (hakmem only)
 * @param batchFlushes      Batch flushes per op (hakmem only)
 * @param bigCacheHits      BigCache hits per op (hakmem only)
 * @param liveMiB           peak sum of the sizes the scenario asked for that were live, in MiB (mid-range
 *                          scenarios only)
 * @param peakRssMiB        the highest rise of the process's RSS, sampled after the fill and at every iteration's
 *                          end, over its RSS before the allocator was opened, in MiB (mid-range scenarios only)
 */
public record Measurement(String scenario, String params, String allocator, double opsPerMicrosecond, double error,
                          double minorFaults, double mmapCalls, double munmapCalls, double madviseCalls,
                          double batchFlushes, double bigCacheHits, double liveMiB, double peakRssMiB) {

    /** A row for a benchmark that produced no usable result. */
    public static Measurement failed(String scenario, String params, String allocator) {
        double none = Double.NaN;
        return new Measurement(scenario, params, allocator, none, none, none, none, none, none, none, none, none,
                none);
    }

    public boolean isFailed() {
        return Double.isNaN(opsPerMicrosecond);
    }

    /** Rows with the same group are the same workload and can be compared. */
    public String group() {
        return scenario + " " + params;
    }
}
