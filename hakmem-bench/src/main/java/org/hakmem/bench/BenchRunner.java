package org.hakmem.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.hakmem.bench.allocators.AllocatorCatalog;
import org.hakmem.bench.allocators.PipelineRecipe;
import org.hakmem.bench.report.ConsoleTable;
import org.hakmem.bench.report.Measurement;
import org.hakmem.bench.report.PeerRatio;
import org.hakmem.bench.report.ReportTable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The main class of the bench jar, behind {@code ./hakmem bench}: picks the allocators that can run here, runs the
 * plan's JMH passes with progress on the console, then prints the table and writes it as CSV and Markdown.
 * Exit status: 0 when every planned benchmark produced a number, 1 when one failed, 2 for a bad command line.
 * Owns the order of those steps; never measures or formats anything itself.
 */
public final class BenchRunner {

    private BenchRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    static int run(PrintStream out, String... args) {
        RunSettings settings;
        try {
            settings = RunSettings.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println("hakmem bench: " + bad.getMessage());
            System.err.print(RunSettings.USAGE);
            return 2;
        }
        if (settings.help()) {
            out.print(RunSettings.USAGE);
            return 0;
        }
        List<String> notes = new ArrayList<>();
        List<String> allocators;
        String configured;
        try {
            allocators = AllocatorSelection.select(settings.allocators(), settings.abRuns(), note -> {
                notes.add(note);
                out.println("note: " + note);
            });
            configured = PipelineRecipe.CONFIGURED.builder().describe();
        } catch (IllegalArgumentException | IllegalStateException bad) {
            System.err.println("hakmem bench: " + bad.getMessage());
            return 2;
        }
        BenchPlan plan = BenchPlan.of(settings.length(), settings.filter(), allocators);
        List<PlannedRun> runs = plan.runs();
        if (runs.isEmpty()) {
            System.err.println("hakmem bench: nothing to run (filter " + settings.filter() + ", allocators "
                    + allocators + ")");
            return 2;
        }
        out.println("hakmem bench, " + settings.describe() + "; " + runs.size() + " benchmarks on "
                + Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version());
        out.println("\"hakmem\" is the configured " + configured.lines().findFirst().orElse("pipeline")
                + " (./hakmem describe, or bench.md, shows all of it)");

        List<RunResult> results = new ArrayList<>();
        ProgressOutput progress = new ProgressOutput(out, runs.size());
        for (BenchPlan.Pass pass : plan.passes()) {
            try {
                results.addAll(new Runner(plan.options(pass, ForkArguments.forThisRun()), progress).run());
            } catch (RunnerException failed) {
                String note = "JMH pass '" + pass.label() + "' stopped: " + failed.getMessage();
                notes.add(note);
                out.println("note: " + note);
            }
        }
        progress.finish();

        List<Measurement> rows = ResultReading.read(runs, results);
        PeerRatio ratio = PeerRatio.of(rows, AllocatorCatalog::isPeer);
        long failed = rows.stream().filter(Measurement::isFailed).count();
        if (failed > 0) {
            notes.add(failed + " of " + rows.size() + " benchmarks FAILED (no number): see the run's output");
        }
        out.println();
        out.print(ConsoleTable.render(ReportTable.compact(rows, ratio)));
        notes.forEach(note -> out.println("note: " + note));
        try {
            List<Path> files = ReportFiles.write(settings.reportDirectory(), rows, ratio,
                    preamble(settings, configured, notes));
            files.forEach(file -> out.println("wrote " + file));
        } catch (IOException unwritable) {
            System.err.println("hakmem bench: cannot write the report: " + unwritable);
            return 1;
        }
        return failed > 0 ? 1 : 0;
    }

    private static List<String> preamble(RunSettings settings, String configured, List<String> notes) {
        List<String> lines = new ArrayList<>();
        lines.add("- when: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        lines.add("- run: " + settings.describe() + "; filter "
                + (settings.filter().pattern().isEmpty() ? "none" : "`" + settings.filter() + "`"));
        lines.add("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version()
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        lines.add("- ops/us: operations per microsecond (higher is better), error: 99.9 % confidence half-width;"
                + " vs best peer: ops/us over the best non-hakmem allocator on the same row group;"
                + " per-op counters are measured over the measurement iterations; minflt is process-wide;"
                + " '-' means the allocator cannot report it");
        for (String note : notes) {
            lines.add("- note: " + note);
        }
        lines.add("");
        lines.add("Configured pipeline (\"hakmem\"):");
        lines.add("");
        lines.add("```");
        lines.add(configured.stripTrailing());
        lines.add("```");
        return lines;
    }
}
