package org.hakmem.bench.scenarios;

import java.util.SplittableRandom;

/**
 * The precomputed pseudo-random choices of the scenarios (which slot, which size), drawn once from a fixed seed
 * so every allocator sees exactly the same sequence and the hot loop draws nothing. Owns the drawing; never allocates
 * native memory.
 */
final class Sequences {

    /** Length of every sequence; a power of two, so a cursor wraps with a mask. */
    static final int LENGTH = 4096;
    static final int MASK = LENGTH - 1;
    /** "HAKM". */
    static final long SEED = 0x48414B4DL;

    private Sequences() {
    }

    /** Slot indexes in [0, workset), uniformly at random. */
    static int[] slots(int workset) {
        SplittableRandom random = new SplittableRandom(SEED);
        int[] slots = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            slots[i] = random.nextInt(workset);
        }
        return slots;
    }

    /** Sizes in [min, max] bytes, uniformly at random, from a seed of their own. */
    static int[] sizes(int min, int max) {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int[] sizes = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            sizes[i] = random.nextInt(min, max + 1);
        }
        return sizes;
    }
}
