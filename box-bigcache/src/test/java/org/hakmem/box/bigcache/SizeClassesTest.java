package org.hakmem.box.bigcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizeClassesTest {

    private static final long PAGE = 4096;
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private static long classOf(long length) {
        return SizeClasses.classLength(length, PAGE);
    }

    @Test
    void roundsToFourClassesPerPowerOfTwo() {
        assertEquals(2 * MIB, classOf(2 * MIB));
        assertEquals(2 * MIB + 512 * KIB, classOf(2 * MIB + 4 * KIB));
        assertEquals(2 * MIB + 512 * KIB, classOf(2 * MIB + 1));
        assertEquals(3 * MIB, classOf(2 * MIB + 512 * KIB + 1));
        assertEquals(4 * MIB, classOf(3 * MIB + 512 * KIB + 1));
        assertEquals(5 * MIB, classOf(4 * MIB + 1));
        assertEquals(1280 * KIB, classOf(MIB + 1));
        assertEquals(1280 * MIB, classOf(1025 * MIB));
        assertEquals(1536 * MIB, classOf(1281 * MIB));
    }

    @Test
    void smallRequestsGetTheMinimumClass() {
        assertEquals(MIB, classOf(0));
        assertEquals(MIB, classOf(1));
        assertEquals(MIB, classOf(MIB));
    }

    @Test
    void wastesLessThanAQuarterAndEveryClassIsAFixedPoint() {
        for (long length = MIB; length < 64 * MIB; length += 12_345) {
            long cls = classOf(length);
            assertTrue(cls >= length && cls - length < length / 4 + PAGE, length + " -> " + cls);
            assertEquals(cls, classOf(cls));
            assertEquals(0, cls % PAGE);
        }
    }

    @Test
    void indexesAreDenseFromZero() {
        assertEquals(0, SizeClasses.index(MIB));
        long cls = MIB;
        for (int index = 0; index < 40; index++) {
            assertEquals(index, SizeClasses.index(cls), "class " + cls);
            cls = classOf(cls + 1);
        }
        assertEquals(4, SizeClasses.index(2 * MIB));
        assertEquals(5, SizeClasses.index(2 * MIB + 512 * KIB));
    }

    @Test
    void onlyExactClassLengthsAreClassLengths() {
        assertTrue(SizeClasses.isClassLength(2 * MIB + 512 * KIB, PAGE));
        assertFalse(SizeClasses.isClassLength(2 * MIB + 4 * KIB, PAGE));
        assertFalse(SizeClasses.isClassLength(512 * KIB, PAGE));
        assertFalse(SizeClasses.isClassLength(-1, PAGE));
        assertFalse(SizeClasses.isClassLength(Long.MAX_VALUE, PAGE));
    }

    @Test
    void absurdLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> classOf(-1));
        assertThrows(IllegalArgumentException.class, () -> classOf(Long.MAX_VALUE));
        assertEquals(SizeClasses.MAX_LENGTH, classOf(SizeClasses.MAX_LENGTH));
    }
}
