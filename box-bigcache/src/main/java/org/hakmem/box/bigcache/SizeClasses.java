// Owns: the arithmetic of BigCache's size classes (four per power of two) and their dense indexes.
// Must never: allocate, look anything up in a map, or make a syscall; it is pure arithmetic.
package org.hakmem.box.bigcache;

/**
 * Size classes of at least {@link #MIN_LENGTH}: for a length {@code L} with {@code 2^s <= L-1 < 2^(s+1)} the step is
 * {@code 2^(s-2)}, so the classes between two powers of two are 1.25, 1.5, 1.75 and 2 times the lower one; a mapping
 * wastes less than a quarter of its length to rounding.
 */
final class SizeClasses {

    /** Mappings shorter than this are never cached. */
    static final long MIN_LENGTH = 1L << 20;
    /** The longest length that has a class; longer ones are absurd for any address space. */
    static final long MAX_LENGTH = 1L << 62;

    private static final int CLASSES_PER_DOUBLING = 4;

    /** The raw index of the smallest class, MIN_LENGTH itself. */
    private static final int FIRST = rawIndex(MIN_LENGTH);

    private SizeClasses() {
    }

    /**
     * The class of a request: page-rounded, at least {@link #MIN_LENGTH}, then rounded up to its class.
     *
     * @throws IllegalArgumentException for a negative length or one over {@link #MAX_LENGTH}
     */
    static long classLength(long length, long pageSize) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("BigCache: length " + length + " is not a mapping length (0 to "
                    + MAX_LENGTH + ")");
        }
        long rounded = Math.max(MIN_LENGTH, roundUp(length, pageSize));
        return roundUp(rounded, step(rounded));
    }

    /** Whether {@code length} is exactly a class length that {@link #classLength} can return. */
    static boolean isClassLength(long length, long pageSize) {
        return length >= MIN_LENGTH && length <= MAX_LENGTH && classLength(length, pageSize) == length;
    }

    /** The dense index of a class length: 0 for {@link #MIN_LENGTH}, then one per class. */
    static int index(long classLength) {
        return rawIndex(classLength) - FIRST;
    }

    /** {@code s * 4 + quarter}: which power of two the class lies above, and which quarter of the way up it is. */
    private static int rawIndex(long classLength) {
        int s = shift(classLength);
        long quarter = (classLength - (1L << s) - 1) >>> (s - 2);
        return s * CLASSES_PER_DOUBLING + (int) quarter;
    }

    /** {@code s} with {@code 2^s <= length-1 < 2^(s+1)}. */
    private static int shift(long length) {
        return 63 - Long.numberOfLeadingZeros(length - 1);
    }

    private static long step(long length) {
        return 1L << (shift(length) - 2);
    }

    private static long roundUp(long value, long multiple) {
        return (value + multiple - 1) & -multiple;
    }
}
