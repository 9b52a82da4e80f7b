package org.hakmem.bench.allocators;

/**
 * A peer allocator cannot run here (its library is not installed, or the JVM hides what it needs).
 * The runner skips such a peer with a note; it is never a benchmark failure.
 */
public final class PeerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PeerUnavailableException(String message) {
        super(message);
    }

    public PeerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
