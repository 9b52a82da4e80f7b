package org.hakmem.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hakmem.bench.report.CsvReport;
import org.hakmem.bench.report.MarkdownReport;
import org.hakmem.bench.report.Measurement;
import org.hakmem.bench.report.PeerRatio;
import org.hakmem.bench.report.ReportTable;

/**
 * Writes {@code bench.csv} (full precision) and {@code bench.md} (compact numbers, with the run's preamble) into the
 * report directory, replacing the previous run's. Owns those two files; never computes a number.
 */
final class ReportFiles {

    static final String CSV = "bench.csv";
    static final String MARKDOWN = "bench.md";

    private ReportFiles() {
    }

    /** @return the two files written */
    static List<Path> write(Path directory, List<Measurement> rows, PeerRatio ratio, List<String> preamble)
            throws IOException {
        Files.createDirectories(directory);
        Path csv = directory.resolve(CSV);
        Path markdown = directory.resolve(MARKDOWN);
        Files.writeString(csv, CsvReport.render(ReportTable.full(rows, ratio)), StandardCharsets.UTF_8);
        Files.writeString(markdown, MarkdownReport.render("hakmem bench", preamble, ReportTable.compact(rows, ratio)),
                StandardCharsets.UTF_8);
        return List.of(csv, markdown);
    }
}
