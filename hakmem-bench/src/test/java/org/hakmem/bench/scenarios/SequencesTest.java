package org.hakmem.bench.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The size laws of the mid-range scenarios hold over the whole precomputed sequence, and it is the same every time. */
class SequencesTest {

    @Test
    void webServerMixIsEightyFifteenFive() {
        int[] sizes = Sequences.webServerSizes();
        double small = fraction(sizes, size -> size >= 16 && size < 1024);
        double medium = fraction(sizes, size -> size >= 1024 && size <= 64 * 1024);
        double large = fraction(sizes, size -> size > 64 * 1024 && size <= 256 * 1024);
        assertEquals(1.0, small + medium + large, 1e-12, "every size falls in a band");
        // 4096 draws: one standard deviation is 0.6 % for 80 %, 0.56 % for 15 %, 0.34 % for 5 %.
        assertEquals(0.80, small, 0.025);
        assertEquals(0.15, medium, 0.02);
        assertEquals(0.05, large, 0.012);
        assertArrayEquals(sizes, Sequences.webServerSizes(), "drawn from the fixed seed");
    }

    @Test
    void glibcThreadLikeSizesAreLogUniformBetween4BAnd32KiB() {
        int[] sizes = Sequences.logUniformSizes(4, 32 * 1024);
        assertTrue(Arrays.stream(sizes).allMatch(size -> size >= 4 && size <= 32 * 1024));
        // Log-uniform: each of the 13 doublings from 4 B to 32 KiB holds about 1/13 of the sizes.
        for (int low = 4; low < 32 * 1024; low <<= 1) {
            int from = low;
            double share = fraction(sizes, size -> size >= from && size < 2 * from);
            assertEquals(1.0 / 13, share, 0.025, "sizes in [" + from + ", " + 2 * from + ")");
        }
        assertTrue(fraction(sizes, size -> size < 1024) > 0.55, "most requests are small, as in a power law");
    }

    @Test
    void midSizesCoverTheMidPoolRange() {
        int[] sizes = Sequences.sizes(MidScenario.MIN_SIZE, MidScenario.MAX_SIZE);
        assertEquals(MidScenario.MIN_SIZE, Arrays.stream(sizes).min().orElseThrow(), 64);
        assertEquals(MidScenario.MAX_SIZE, Arrays.stream(sizes).max().orElseThrow(), 64);
    }

    @Test
    void coinFlipsAreFair() {
        boolean[] flips = Sequences.coinFlips();
        int heads = 0;
        for (boolean flip : flips) {
            heads += flip ? 1 : 0;
        }
        assertEquals(0.5, (double) heads / flips.length, 0.03);
    }

    private static double fraction(int[] sizes, java.util.function.IntPredicate band) {
        return (double) Arrays.stream(sizes).filter(band).count() / sizes.length;
    }
}
