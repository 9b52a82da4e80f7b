package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.BenchAllocator;

/**
 * One thread's share of a lane scenario: the slots {@code [base, base + slots)} of the workset, its own cursor into the
 * precomputed sequences, and the bytes it has asked for that are live (the sum of requested sizes, with its peak).
 * Owns that range and that count; never touches a slot outside its range, so two lanes on two threads share nothing
 * but the allocator. Not even a cache line: the fields an op writes lie behind a pad ({@link LanePad}), and the
 * {@link #requested} sizes between two, wherever the garbage collector puts the other lane (two lanes side by side
 * made every op of both threads wait for the other core's line, whichever allocator ran).
 */
abstract class Lane extends LanePad {

    /** Entries of an int[] that make 64 bytes: {@link #requested} leaves this many unused at each end. */
    private static final int PAD_INTS = 16;

    final BenchAllocator heap;
    final long[] blocks;
    final int base;
    final int slots;
    /** The size asked for each slot of the range, by index within the range plus {@link #PAD_INTS}. */
    private final int[] requested;
    /** Where the lane is in the sequences; lanes start at different places, as if each drew its own numbers. */
    int cursor;
    private long liveBytes;
    private long peakLiveBytes;

    Lane(BenchAllocator heap, long[] blocks, int base, int slots, int start) {
        this.heap = heap;
        this.blocks = blocks;
        this.base = base;
        this.slots = slots;
        this.requested = new int[PAD_INTS + slots + PAD_INTS];
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
        liveBytes += size - requested[PAD_INTS + index];
        requested[PAD_INTS + index] = size;
        if (liveBytes > peakLiveBytes) {
            peakLiveBytes = liveBytes;
        }
    }

    /** The size slot {@code index} of the range holds a request of. */
    final int requested(int index) {
        return requested[PAD_INTS + index];
    }

    final long peakLiveBytes() {
        return peakLiveBytes;
    }
}

/**
 * What lies in front of a {@link Lane}'s fields: an int for the gap after the object header, then 64 bytes, so the
 * fields each op writes share no cache line with whatever object precedes the lane (superclass fields come first).
 * Never read.
 */
abstract class LanePad {
    private int pad0;
    private long pad1, pad2, pad3, pad4, pad5, pad6, pad7, pad8;
}
