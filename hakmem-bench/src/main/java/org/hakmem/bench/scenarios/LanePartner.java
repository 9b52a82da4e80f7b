package org.hakmem.bench.scenarios;

import java.util.concurrent.Semaphore;

/**
 * The second thread of a two-thread lane scenario: a platform thread that lives as long as the trial, sets up its lane
 * once, then runs one batch of its lane's work each time the benchmark thread asks, while the benchmark thread runs
 * its own batch. A long-lived thread, as a server's worker is, so thread caches stay warm; two semaphore hand-offs per
 * batch are its whole cost, the same for every allocator. Owns that thread; never touches a lane itself.
 */
final class LanePartner {

    private final Semaphore go = new Semaphore(0);
    private final Semaphore done = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopping;
    /** Written by the partner before it releases {@link #done}, read after acquiring it. */
    private Throwable failure;

    /** Starts the thread, which runs {@code setup}; returns when the setup is done, or throws what it threw. */
    LanePartner(Runnable setup, Runnable batch) {
        thread = Thread.ofPlatform().name("lane-2").daemon().start(() -> {
            if (step(setup)) {
                while (true) {
                    go.acquireUninterruptibly();
                    if (stopping || !step(batch)) {
                        return;
                    }
                }
            }
        });
        await();
    }

    /** Runs one part; on failure records it and stops the thread. Releases {@link #done} either way. */
    private boolean step(Runnable part) {
        try {
            part.run();
            return true;
        } catch (Throwable t) {
            failure = t;
            return false;
        } finally {
            done.release();
        }
    }

    /** Lets the partner run one batch. */
    void begin() {
        go.release();
    }

    /** Waits for the batch (or the setup) to end; throws what it threw. */
    void await() {
        done.acquireUninterruptibly();
        if (failure != null) {
            throw new IllegalStateException("the second lane failed", failure);
        }
    }

    /** Ends the thread once it is idle. */
    void stop() {
        stopping = true;
        go.release();
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
