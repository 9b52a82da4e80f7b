package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;

/**
 * One thread's share of a lane scenario: the slots {@code [base, base + slots)} of the workset, its own cursor into the
 * precomputed sequences, and the bytes it has asked for that are live (the sum of requested sizes, with its peak).
 * Owns that range and that count; never touches a slot outside its range, so two lanes on two threads share nothing
 * but the allocator.
 */
abstract class Lane {

    final BenchAllocator heap;
    final long[] blocks;
    final int base;
    final int slots;
    /** The size asked for each slot of the range, by index within the range. */
    final int[] requested;
    /** Where the lane is in the sequences; lanes start at different places, as if each drew its own numbers. */
    int cursor;
    private long liveBytes;
    private long peakLiveBytes;

    Lane(BenchAllocator heap, long[] blocks, int base, int slots, int start) {
        this.heap = heap;
        this.blocks = blocks;
        this.base = base;
        this.slots = slots;
        this.requested = new int[slots];
        this.cursor = start;
    }

    /** Fills every slot of the range. */
    abstract void fill();

    /** One operation of the scenario. */
    abstract void op();

    /** {@code ops} operations in a row. */
    final void run(int ops) {
        for (int i = 0; i < ops; i++) {
            op();
        }
    }

    /** Checks the live blocks once the measuring is over (never in the measured loop); nothing by default. */
    void verify() {
    }

    /** Records that slot {@code index} of the range now holds a request of {@code size} bytes. */
    final void account(int index, int size) {
        liveBytes += size - requested[index];
        requested[index] = size;
        if (liveBytes > peakLiveBytes) {
            peakLiveBytes = liveBytes;
        }
    }

    final long peakLiveBytes() {
        return peakLiveBytes;
    }
}
