package org.hakmem.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.hakmem.bench.report.NumberText;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output, replaced by one line per benchmark: which of how many, elapsed time, scenario, params and allocator,
 * a dot per iteration, then the score. What the forks print (warnings, stack traces) passes through unchanged; JMH's
 * own chatter is kept back and shown only for a benchmark that failed. Owns the console during a run; never
 * interprets results beyond the one score it shows.
 */
final class ProgressOutput implements OutputFormat {

    private final PrintStream out;
    private final int total;
    private final long startNanos = System.nanoTime();
    private final List<String> transcript = new ArrayList<>();
    private int started;
    private boolean lineOpen;

    ProgressOutput(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        started++;
        transcript.clear();
        Scenario scenario = Scenario.ofBenchmark(params.getBenchmark());
        String label = scenario == null ? params.getBenchmark() : scenario.label();
        String shape = scenario == null ? "" : scenario.shape(ParameterMaps.of(params));
        String width = Integer.toString(Integer.toString(total).length());
        closeLine();
        out.printf(Locale.ROOT, "[%" + width + "d/%d %s] %-11s %-22s %-21s ", started, total, elapsed(), label, shape,
                params.getParam("allocator"));
        out.flush();
        lineOpen = true;
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        if (lineOpen) {
            out.print('.');
            out.flush();
        }
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        // The dots say enough while it runs; the table says the rest.
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        String score = result == null ? null : scoreOf(result);
        if (score == null) {
            closeLine();
            out.println("    FAILED; what JMH said:");
            transcript.forEach(line -> out.println("    | " + line));
        } else {
            out.print(" " + score);
            lineOpen = true;
            closeLine();
        }
        transcript.clear();
    }

    private static String scoreOf(BenchmarkResult result) {
        if (result.getPrimaryResult() == null || Double.isNaN(result.getPrimaryResult().getScore())) {
            return null;
        }
        return NumberText.compact(result.getPrimaryResult().getScore()) + " " + result.getPrimaryResult().getScoreUnit();
    }

    @Override
    public void startRun() {
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        closeLine();
    }

    @Override
    public void print(String s) {
        transcript.add(s);
    }

    @Override
    public void println(String s) {
        transcript.add(s);
    }

    @Override
    public void verbosePrintln(String s) {
        transcript.add(s);
    }

    @Override
    public void write(int b) {
        closeLine();
        out.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        closeLine();
        out.write(b);
    }

    @Override
    public void flush() {
        out.flush();
    }

    /** Called by every fork as it ends (over JMH's link), so it must leave the current line open. */
    @Override
    public void close() {
        out.flush();
    }

    /** Ends the last line; the runner calls it after the last pass. */
    void finish() {
        closeLine();
        out.flush();
    }

    private void closeLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    private String elapsed() {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }
}
