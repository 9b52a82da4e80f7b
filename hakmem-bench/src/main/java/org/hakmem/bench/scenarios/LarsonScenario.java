package org.hakmem.bench.scenarios;

import java.util.SplittableRandom;
import org.hakmem.bench.allocators.Touch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario "larson", after the Larson server benchmark, written from scratch: two lanes of 1024 slots, each worked
 * by a platform thread that replaces random slots with blocks of random tiny sizes (16-1016 B). Every invocation
 * replaces both threads by new ones, which free the blocks their predecessors left in the lane. One op is one
 * replacement (free, malloc, write the first byte); thread start and join are counted in, the same for every allocator.
 * Owns that loop; never reads memory.
 */
public class LarsonScenario extends Workset {

    static final int LANES = 2;
    static final int LANE_SLOTS = 1024;
    static final int OPS_PER_THREAD = 16 * 1024;
    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 1016;

    private int[] order;
    private int[] sizes;
    private int generation;

    @Override
    protected int slots() {
        return LANES * LANE_SLOTS;
    }

    @Override
    protected void fill() {
        order = Sequences.slots(LANE_SLOTS);
        sizes = Sequences.sizes(MIN_SIZE, MAX_SIZE);
        for (int slot = 0; slot < slots(); slot++) {
            blocks[slot] = heap.malloc(slot, sizes[slot & Sequences.MASK]);
            Touch.first(blocks[slot], (byte) slot);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LANES * OPS_PER_THREAD)
    public void larson() throws InterruptedException {
        Thread[] threads = new Thread[LANES];
        for (int lane = 0; lane < LANES; lane++) {
            int base = lane * LANE_SLOTS;
            // Each generation starts at its own place in the shared sequences, as if it drew its own random numbers.
            int start = new SplittableRandom(Sequences.SEED + generation * LANES + lane).nextInt(Sequences.LENGTH);
            threads[lane] = Thread.ofPlatform().start(() -> work(base, start));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        generation++;
        counters.operations += LANES * OPS_PER_THREAD;
    }

    private void work(int base, int start) {
        for (int op = 0; op < OPS_PER_THREAD; op++) {
            int step = (start + op) & Sequences.MASK;
            int slot = base + order[step];
            heap.free(slot, blocks[slot]);
            long address = heap.malloc(slot, sizes[step]);
            blocks[slot] = address;
            Touch.first(address, (byte) slot);
        }
    }
}
