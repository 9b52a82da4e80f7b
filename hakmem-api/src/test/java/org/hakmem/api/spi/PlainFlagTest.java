package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.junit.jupiter.api.Test;

class PlainFlagTest {

    private static final VarHandle CLOSED = PlainFlag.of(MethodHandles.lookup(), "closed");

    private volatile boolean closed;
    @SuppressWarnings("unused") // only looked up, and refused for its type
    private int count;

    @Test
    void aPlainReadSeesWhatTheSameThreadWrote() {
        assertFalse((boolean) CLOSED.get(this));
        closed = true;
        assertTrue((boolean) CLOSED.get(this));
    }

    @Test
    void aMissingOrNonBooleanFieldIsRefusedByName() {
        var missing = assertThrows(IllegalArgumentException.class, () -> PlainFlag.of(MethodHandles.lookup(), "open"));
        assertTrue(missing.getMessage().contains("PlainFlagTest has no boolean field open"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlainFlag.of(MethodHandles.lookup(), "count"));
    }
}
