package org.hakmem.api;

/**
 * An address passed to {@code free}, {@code realloc} or {@code usableSize} that is not the start of a live
 * block of this allocator. Nothing was read from or written to that address, and nothing was freed.
 */
public final class InvalidAddressException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the address. */
    public enum Reason {
        /** This allocator never returned the address (or it was freed and is long forgotten). */
        NOT_ALLOCATED,
        /** The address lies inside a live block but is not its start. */
        INTERIOR_POINTER,
        /** The block at this address was already freed. */
        DOUBLE_FREE,
        /** The block's header no longer holds what the allocator wrote: memory before the block was overwritten. */
        CORRUPT_HEADER,
        /** The allocator was configured to refuse foreign addresses, and this one is foreign. */
        FOREIGN
    }

    private final long address;
    private final Reason reason;

    public InvalidAddressException(long address, Reason reason, String message) {
        super(message);
        this.address = address;
        this.reason = reason;
    }

    public long address() {
        return address;
    }

    public Reason reason() {
        return reason;
    }
}
