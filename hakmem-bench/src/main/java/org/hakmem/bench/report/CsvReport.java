package org.hakmem.bench.report;

import java.util.List;

/**
 * The report as CSV (RFC 4180: comma separated, quoted where a cell needs it), for spreadsheets and scripts.
 * Owns that encoding; never computes cells.
 */
public final class CsvReport {

    private CsvReport() {
    }

    public static String render(ReportTable table) {
        StringBuilder csv = new StringBuilder();
        line(csv, table.header());
        for (List<String> row : table.rows()) {
            line(csv, row);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int column = 0; column < cells.size(); column++) {
            if (column > 0) {
                csv.append(',');
            }
            csv.append(quoted(cells.get(column)));
        }
        csv.append("\r\n");
    }

    private static String quoted(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
