package org.hakmem.bench.report;

import java.util.List;

/**
 * The report as a plain-text table with aligned columns, for the terminal. Owns that layout; never computes cells.
 */
public final class ConsoleTable {

    private ConsoleTable() {
    }

    public static String render(ReportTable table) {
        int columns = table.header().size();
        int[] widths = new int[columns];
        measure(widths, table.header());
        for (List<String> row : table.rows()) {
            measure(widths, row);
        }
        StringBuilder text = new StringBuilder();
        line(text, widths, table.header());
        StringBuilder rule = new StringBuilder();
        for (int column = 0; column < columns; column++) {
            rule.append(column == 0 ? "" : "  ").append("-".repeat(widths[column]));
        }
        text.append(rule).append('\n');
        String previousGroup = null;
        for (List<String> row : table.rows()) {
            String group = row.get(0) + " " + row.get(1);
            if (previousGroup != null && !group.equals(previousGroup)) {
                text.append('\n');
            }
            previousGroup = group;
            line(text, widths, row);
        }
        return text.toString();
    }

    private static void measure(int[] widths, List<String> cells) {
        for (int column = 0; column < cells.size(); column++) {
            widths[column] = Math.max(widths[column], cells.get(column).length());
        }
    }

    private static void line(StringBuilder text, int[] widths, List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            String pad = " ".repeat(widths[column] - cell.length());
            line.append(column == 0 ? "" : "  ");
            line.append(column >= ReportTable.FIRST_NUMBER_COLUMN ? pad + cell : cell + pad);
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
