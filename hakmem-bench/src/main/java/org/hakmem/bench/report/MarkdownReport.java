package org.hakmem.bench.report;

import java.util.List;

/**
 * The report as a Markdown document: a title, free-form preamble lines (run settings, configuration, notes) and the
 * table, numbers right-aligned. Owns that layout; never computes cells.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(String title, List<String> preamble, ReportTable table) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        for (String line : preamble) {
            md.append(line).append('\n');
        }
        if (!preamble.isEmpty()) {
            md.append('\n');
        }
        row(md, table.header());
        StringBuilder rule = new StringBuilder("|");
        for (int column = 0; column < table.header().size(); column++) {
            rule.append(column >= ReportTable.FIRST_NUMBER_COLUMN ? "---:|" : "---|");
        }
        md.append(rule).append('\n');
        for (List<String> cells : table.rows()) {
            row(md, cells);
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }
}
