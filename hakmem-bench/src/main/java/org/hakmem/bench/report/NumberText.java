package org.hakmem.bench.report;

import java.util.Locale;

/**
 * How numbers appear in the report: compact for people (three significant digits or so), full for CSV, and "-"
 * for what was not reported. Owns number formatting; never decides what a number means.
 */
public final class NumberText {

    /** What a missing value looks like everywhere. */
    public static final String MISSING = "-";

    private NumberText() {
    }

    /** 1234, 123, 12.3, 1.23, 0.123, 0.00123, 1.23e-06; "-" for NaN. */
    public static String compact(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return "0";
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (magnitude >= 1e-4) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        return String.format(Locale.ROOT, "%.2e", value);
    }

    /** Every digit a double has, for machines; "-" for NaN. */
    public static String full(double value) {
        return Double.isNaN(value) ? MISSING : Double.toString(value);
    }
}
