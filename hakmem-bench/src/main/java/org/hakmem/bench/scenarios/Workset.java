package org.hakmem.bench.scenarios;

import java.util.concurrent.TimeUnit;
import org.hakmem.bench.allocators.AllocatorCatalog;
import org.hakmem.bench.allocators.BenchAllocator;
import org.hakmem.bench.allocators.CounterSnapshot;
import org.hakmem.bench.allocators.ProcessMemory;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What every scenario is: one allocator (the {@code allocator} parameter) and a workset of slots, each holding at
 * most one live block. Owns the allocator's life (open, counters per iteration, free every live block, close) and,
 * for scenarios that count their live bytes, the memory readings: the process's RSS just before the allocator is
 * opened (the baseline), then sampled after the fill and at the end of every iteration, warmup included; the last
 * measured iteration reports the peak bytes live and the highest sample's rise over the baseline. (Not ru_maxrss: a
 * fork's high-water mark is set by JVM start-up, before the baseline, and would hide the allocator entirely.)
 * Never decides sizes or the order of operations, which are the scenario's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public abstract class Workset {

    /** Overridden by the runner with the allocators available here; the default is every name it knows. */
    @Param({"hakmem", "hakmem-minimal", "hakmem-mmap", "hakmem-bigcache", "hakmem-bigcache-batch", "hakmem-fast",
            "hakmem-fast-ultrahot-off", "hakmem-fast-heapv2-leftover", "hakmem-fast-heapv2-off",
            "hakmem-fast-strict-free-on", "hakmem-fast-midpool-off", "glibc", "mimalloc", "tcmalloc", "unsafe",
            "arena", "netty-pooled", "netty-adaptive"})
    public String allocator;

    /** The allocator under test. */
    protected BenchAllocator heap;
    /** The live block of each slot, 0 when the slot is empty. */
    protected long[] blocks;

    /** This iteration's secondary results; scenarios bump {@code counters.operations} once per op. */
    protected OpCounters counters;

    private CounterSnapshot iterationStart;
    private long rssBefore;
    private long rssRise;
    private int measuredIterations;
    private boolean lastMeasuredIteration;

    /** How many slots the scenario uses. */
    protected abstract int slots();

    /** Fills the slots the scenario starts with, after the allocator is open. */
    protected abstract void fill();

    /**
     * The highest sum of requested sizes live so far (what the program asked for, not what the allocator holds), or
     * -1 for a scenario that does not count them and so reports no memory columns.
     */
    protected long peakLiveBytes() {
        return -1;
    }

    /** Runs before the live blocks are freed at the end of the trial: stop helper threads, check what is left. */
    protected void finish() {
    }

    @Setup(Level.Trial)
    public void open() {
        rssBefore = ProcessMemory.rssBytes();
        heap = AllocatorCatalog.open(allocator, slots());
        blocks = new long[slots()];
        fill();
        sampleRss();
    }

    /**
     * Opens the scenario outside JMH, for the side-by-side runner: the allocator and the fill as JMH's trial set-up
     * does, and counters of its own. Set {@code allocator} and the scenario's parameters first; {@link #close()} ends it.
     */
    public void openOutsideJmh() {
        open();
        counters = new OpCounters();
    }

    /** Keeps the highest rise of the RSS over the baseline seen so far. */
    private void sampleRss() {
        rssRise = Math.max(rssRise, ProcessMemory.rssBytes() - rssBefore);
    }

    @Setup(Level.Iteration)
    public void startIteration(OpCounters iterationCounters, IterationParams iteration) {
        counters = iterationCounters;
        iterationStart = heap.counters();
        lastMeasuredIteration = iteration.getType() == IterationType.MEASUREMENT
                && ++measuredIterations == iteration.getCount();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        counters.record(heap.counters().minus(iterationStart));
        long live = peakLiveBytes();
        if (live < 0) {
            return;
        }
        sampleRss();
        if (lastMeasuredIteration) {
            // Reported once per fork, so JMH's sum (or mean) over iterations divided by memorySamples is exact.
            counters.memorySamples = 1;
            counters.peakLiveBytes = live;
            counters.peakRssBytes = rssRise;
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        finish();
        for (int slot = 0; slot < blocks.length; slot++) {
            if (blocks[slot] != 0) {
                heap.free(slot, blocks[slot]);
                blocks[slot] = 0;
            }
        }
        heap.close();
    }
}
