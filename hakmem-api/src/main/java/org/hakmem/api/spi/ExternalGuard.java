package org.hakmem.api.spi;

import org.hakmem.api.InvalidAddressException;

/**
 * The ExternalGuard slot: what happens to an address FrontGate found not to be a live hakmem block.
 * It never dereferences the address.
 */
public interface ExternalGuard {

    /** Frees a foreign block through libc, if configured to, or throws {@link InvalidAddressException}. */
    void free(long address);

    /**
     * The exception to throw for {@code operation} on an address that is not a live hakmem block,
     * naming the most precise reason known: double free, interior pointer, or never allocated.
     */
    InvalidAddressException refuse(long address, String operation);
}
