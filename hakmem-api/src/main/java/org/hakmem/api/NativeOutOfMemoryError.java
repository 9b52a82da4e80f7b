package org.hakmem.api;

/**
 * The OS or libc refused memory. The allocator stays usable: nothing was registered for the failed request.
 */
public final class NativeOutOfMemoryError extends OutOfMemoryError {

    private static final long serialVersionUID = 1L;

    public NativeOutOfMemoryError(String message) {
        super(message);
    }
}
