package org.hakmem.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The report as text cells: one header and one row per measurement, in the order given. The console, CSV and
 * Markdown outputs all render this one table, so they always carry the same columns.
 * Owns the columns and what goes in each cell; never decides the layout of any output.
 */
public final class ReportTable {

    public static final List<String> HEADER = List.of("scenario", "params", "allocator", "ops/us", "error",
            "vs best peer", "minflt/op", "live MiB", "peak RSS MiB", "mmap/op", "munmap/op", "madvise/op",
            "flushes/op", "bigcache hits/op");

    /** Columns 3 and up hold numbers (right-aligned where alignment exists). */
    public static final int FIRST_NUMBER_COLUMN = 3;

    /** What the throughput cell says for a benchmark that produced no result. */
    public static final String FAILED = "FAILED";

    private final List<List<String>> rows;

    private ReportTable(List<List<String>> rows) {
        this.rows = List.copyOf(rows);
    }

    /** Compact numbers, for people. */
    public static ReportTable compact(List<Measurement> measurements, PeerRatio ratio) {
        return of(measurements, ratio, NumberText::compact);
    }

    /** Full-precision numbers, for machines. */
    public static ReportTable full(List<Measurement> measurements, PeerRatio ratio) {
        return of(measurements, ratio, NumberText::full);
    }

    private static ReportTable of(List<Measurement> measurements, PeerRatio ratio, DoubleFunction<String> number) {
        List<List<String>> rows = new ArrayList<>();
        for (Measurement m : measurements) {
            List<String> cells = new ArrayList<>(List.of(m.scenario(), m.params(), m.allocator()));
            if (m.isFailed()) {
                cells.add(FAILED);
                while (cells.size() < HEADER.size()) {
                    cells.add(NumberText.MISSING);
                }
            } else {
                for (double value : new double[] {m.opsPerMicrosecond(), m.error(), ratio.ratio(m), m.minorFaults(),
                        m.liveMiB(), m.peakRssMiB(), m.mmapCalls(), m.munmapCalls(), m.madviseCalls(),
                        m.batchFlushes(), m.bigCacheHits()}) {
                    cells.add(number.apply(value));
                }
            }
            rows.add(List.copyOf(cells));
        }
        return new ReportTable(rows);
    }

    public List<String> header() {
        return HEADER;
    }

    public List<List<String>> rows() {
        return rows;
    }
}
