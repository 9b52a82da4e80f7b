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

    /** The bands of {@link #webServerSizes()}: below 1 KiB, 1 to 64 KiB, above 64 KiB up to this. */
    static final int WEB_SMALL_MIN = 16;
    static final int WEB_MEDIUM_MIN = 1024;
    static final int WEB_LARGE_MIN = 64 * 1024 + 1;
    static final int WEB_LARGE_MAX = 256 * 1024;

    /** Sizes in [min, max] bytes, uniformly at random, from a seed of their own. */
    static int[] sizes(int min, int max) {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int[] sizes = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            sizes[i] = random.nextInt(min, max + 1);
        }
        return sizes;
    }

    /**
     * Sizes in [min, max] bytes drawn log-uniformly: {@code min * (max / min)^u} for a uniform u, rounded down, so
     * the density falls as 1/size (a power law of exponent -1) and every doubling of size is equally likely.
     */
    static int[] logUniformSizes(int min, int max) {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        double ratio = Math.log((double) max / min);
        int[] sizes = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            sizes[i] = Math.min(max, (int) (min * Math.exp(ratio * random.nextDouble())));
        }
        return sizes;
    }

    /**
     * A web server's request sizes: 80 % in [16, 1023] B, 15 % in [1 KiB, 64 KiB], 5 % in (64 KiB, 256 KiB], each
     * uniform within its band.
     */
    static int[] webServerSizes() {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        int[] sizes = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int band = random.nextInt(100);
            if (band < 80) {
                sizes[i] = random.nextInt(WEB_SMALL_MIN, WEB_MEDIUM_MIN);
            } else if (band < 95) {
                sizes[i] = random.nextInt(WEB_MEDIUM_MIN, WEB_LARGE_MIN);
            } else {
                sizes[i] = random.nextInt(WEB_LARGE_MIN, WEB_LARGE_MAX + 1);
            }
        }
        return sizes;
    }

    /** Fair coin flips, from a seed of their own. */
    static boolean[] coinFlips() {
        SplittableRandom random = new SplittableRandom(SEED + 4);
        boolean[] flips = new boolean[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            flips[i] = random.nextBoolean();
        }
        return flips;
    }
}
