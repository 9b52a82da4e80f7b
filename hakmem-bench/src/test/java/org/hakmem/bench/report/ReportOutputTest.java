package org.hakmem.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV, Markdown and the console render the same columns; missing values are "-", failures FAILED, never NaN. */
class ReportOutputTest {

    static final List<Measurement> ROWS = List.of(
            new Measurement("fixedSize", "size=16 workset=256", "hakmem", 123.456, 1.5, 0.0001, 0.25, 0.125, 0.5,
                    0.0625, 0.75, 3.5, 7.25),
            new Measurement("fixedSize", "size=16 workset=256", "glibc", 61.728, Double.NaN, 0.0002, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
            Measurement.failed("fixedSize", "size=16 workset=256", "arena"));

    static PeerRatio ratio() {
        return PeerRatio.of(ROWS, name -> !name.startsWith("hakmem"));
    }

    @Test
    void csvHasTheHeaderAndFullPrecisionRows() {
        String[] lines = CsvReport.render(ReportTable.full(ROWS, ratio())).split("\r\n");
        assertEquals("scenario,params,allocator,ops/us,error,vs best peer,minflt/op,live MiB,peak RSS MiB,mmap/op,"
                + "munmap/op,madvise/op,flushes/op,bigcache hits/op", lines[0]);
        assertEquals("fixedSize,size=16 workset=256,hakmem,123.456,1.5,2.0,1.0E-4,3.5,7.25,0.25,0.125,0.5,0.0625,0.75",
                lines[1]);
        assertEquals("fixedSize,size=16 workset=256,glibc,61.728,-,1.0,2.0E-4,-,-,-,-,-,-,-", lines[2]);
        assertEquals("fixedSize,size=16 workset=256,arena,FAILED,-,-,-,-,-,-,-,-,-,-", lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void csvQuotesCellsThatNeedIt() {
        Measurement odd = new Measurement("s", "a,b \"c\"", "x", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        String csv = CsvReport.render(ReportTable.full(List.of(odd), ratio()));
        assertTrue(csv.contains("s,\"a,b \"\"c\"\"\",x,"), csv);
    }

    @Test
    void markdownHasTitlePreambleAlignedHeaderAndCompactRows() {
        String md = MarkdownReport.render("hakmem bench", List.of("- run: quick"), ReportTable.compact(ROWS, ratio()));
        List<String> lines = md.lines().toList();
        assertEquals("# hakmem bench", lines.get(0));
        assertEquals("- run: quick", lines.get(2));
        assertEquals("| scenario | params | allocator | ops/us | error | vs best peer | minflt/op | live MiB"
                + " | peak RSS MiB | mmap/op | munmap/op | madvise/op | flushes/op | bigcache hits/op |", lines.get(4));
        assertEquals("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", lines.get(5));
        assertEquals("| fixedSize | size=16 workset=256 | hakmem | 123 | 1.50 | 2.00 | 0.000100 | 3.50 | 7.25 | 0.250"
                + " | 0.125 | 0.500 | 0.0625 | 0.750 |", lines.get(6));
        assertEquals("| fixedSize | size=16 workset=256 | glibc | 61.7 | - | 1.00 | 0.000200 | - | - | - | - | - | - "
                        + "| - |",
                lines.get(7));
        assertEquals("| fixedSize | size=16 workset=256 | arena | FAILED | - | - | - | - | - | - | - | - | - | - |",
                lines.get(8));
    }

    @Test
    void consoleTableAlignsTheSameColumns() {
        String table = ConsoleTable.render(ReportTable.compact(ROWS, ratio()));
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).startsWith("scenario   params               allocator  ops/us"), lines.get(0));
        assertTrue(lines.get(2).matches("fixedSize +size=16 workset=256 +hakmem +123 +1\\.50 +2\\.00 .*"), lines.get(2));
        assertTrue(lines.get(4).contains("FAILED"), lines.get(4));
        assertTrue(lines.stream().noneMatch(line -> line.contains("NaN")), table);
    }

    @Test
    void numbersAreCompactForPeople() {
        assertEquals("-", NumberText.compact(Double.NaN));
        assertEquals("0", NumberText.compact(0));
        assertEquals("1235", NumberText.compact(1234.5));
        assertEquals("12.3", NumberText.compact(12.34));
        assertEquals("1.23", NumberText.compact(1.234));
        assertEquals("0.123", NumberText.compact(0.1234));
        assertEquals("1.23e-06", NumberText.compact(0.00000123));
    }
}
