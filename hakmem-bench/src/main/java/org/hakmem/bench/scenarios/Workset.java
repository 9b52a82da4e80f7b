package org.hakmem.bench.scenarios;

import java.util.concurrent.TimeUnit;
import org.hakmem.bench.allocators.AllocatorCatalog;
import org.hakmem.bench.allocators.BenchAllocator;
import org.hakmem.bench.allocators.CounterSnapshot;
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

/**
 * What every scenario is: one allocator (the {@code allocator} parameter) and a workset of slots, each holding at
 * most one live block. Owns the allocator's life (open, counters per iteration, free every live block, close);
 * never decides sizes or the order of operations, which are the scenario's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public abstract class Workset {

    /** Overridden by the runner with the allocators available here; the default is every name it knows. */
    @Param({"hakmem", "hakmem-minimal", "hakmem-mmap", "hakmem-bigcache", "hakmem-bigcache-batch", "hakmem-fast",
            "hakmem-fast-ultrahot-off", "hakmem-fast-heapv2-leftover", "hakmem-fast-heapv2-off",
            "hakmem-fast-strict-free-off", "glibc", "mimalloc", "tcmalloc", "unsafe", "arena", "netty-pooled", "netty-adaptive"})
    public String allocator;

    /** The allocator under test. */
    protected BenchAllocator heap;
    /** The live block of each slot, 0 when the slot is empty. */
    protected long[] blocks;

    /** This iteration's secondary results; scenarios bump {@code counters.operations} once per op. */
    protected OpCounters counters;

    private CounterSnapshot iterationStart;

    /** How many slots the scenario uses. */
    protected abstract int slots();

    /** Fills the slots the scenario starts with, after the allocator is open. */
    protected abstract void fill();

    @Setup(Level.Trial)
    public void open() {
        heap = AllocatorCatalog.open(allocator, slots());
        blocks = new long[slots()];
        fill();
    }

    @Setup(Level.Iteration)
    public void startIteration(OpCounters iterationCounters) {
        counters = iterationCounters;
        iterationStart = heap.counters();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        counters.record(heap.counters().minus(iterationStart));
    }

    @TearDown(Level.Trial)
    public void close() {
        for (int slot = 0; slot < blocks.length; slot++) {
            if (blocks[slot] != 0) {
                heap.free(slot, blocks[slot]);
                blocks[slot] = 0;
            }
        }
        heap.close();
    }
}
