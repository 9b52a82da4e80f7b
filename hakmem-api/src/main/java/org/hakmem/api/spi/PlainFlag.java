package org.hakmem.api.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A handle through which a class reads one of its own volatile boolean fields plainly ({@link VarHandle#get}): for
 * the "is it closed?" check every call makes, where a volatile read's barrier makes the JIT load every field after it
 * again and protects nothing a plain read does not (a thread racing {@code close()} is not saved by either). Writes
 * and every other read stay volatile. Owns no state.
 */
public final class PlainFlag {

    private PlainFlag() {
    }

    /**
     * The handle on the boolean field {@code name} of the class {@code lookup} was made in; call as
     * {@code PlainFlag.of(MethodHandles.lookup(), "closed")} from a static initializer.
     *
     * @throws IllegalArgumentException when that class has no such boolean field
     */
    public static VarHandle of(MethodHandles.Lookup lookup, String name) {
        try {
            return lookup.findVarHandle(lookup.lookupClass(), name, boolean.class);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalArgumentException(lookup.lookupClass().getName() + " has no boolean field " + name, e);
        }
    }
}
