package org.hakmem.bench.scenarios;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.hakmem.bench.allocators.Touch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario "producerConsumer": one thread mallocs blocks of random tiny sizes (16-1016 B), writes their first byte
 * and passes them through a 1024-entry ring to a second thread, which reads that byte and frees them: every free is
 * a free of another thread's block. One op is one block passed on; each invocation passes 64 Ki blocks with two
 * fresh threads. Owns that loop and its ring; never reads memory but that one byte.
 */
public class ProducerConsumerScenario extends Workset {

    static final int RING = 1024;
    static final int BLOCKS = 64 * 1024;

    private int[] sizes;

    @Override
    protected int slots() {
        return RING;
    }

    @Override
    protected void fill() {
        sizes = Sequences.sizes(LarsonScenario.MIN_SIZE, LarsonScenario.MAX_SIZE);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public void producerConsumer() throws InterruptedException {
        // Entry i holds the address of the block in slot i (0: empty); a slot of the workset is its ring index.
        AtomicLongArray ring = new AtomicLongArray(RING);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread consumer = Thread.ofPlatform().start(guarded(failure, () -> {
            for (int i = 0; i < BLOCKS && failure.get() == null; i++) {
                int slot = i & (RING - 1);
                long address;
                while ((address = ring.getAcquire(slot)) == 0 && await(failure)) {
                    Thread.onSpinWait();
                }
                if (address == 0) {
                    return; // the producer failed
                }
                if (Touch.read(address) != (byte) i) {
                    throw new IllegalStateException("block " + i + " lost its first byte");
                }
                heap.free(slot, address);
                ring.setRelease(slot, 0); // only now may the producer reuse the slot
            }
        }));
        Thread producer = Thread.ofPlatform().start(guarded(failure, () -> {
            for (int i = 0; i < BLOCKS && failure.get() == null; i++) {
                int slot = i & (RING - 1);
                while (ring.getAcquire(slot) != 0 && await(failure)) {
                    Thread.onSpinWait();
                }
                if (failure.get() != null) {
                    return;
                }
                long address = heap.malloc(slot, sizes[i & Sequences.MASK]);
                Touch.first(address, (byte) i);
                ring.setRelease(slot, address);
            }
        }));
        producer.join();
        consumer.join();
        if (failure.get() != null) {
            throw new IllegalStateException("producerConsumer failed", failure.get());
        }
        counters.operations += BLOCKS;
    }

    /** True while the other side may still come; yields first, since the other side may share this core. */
    private static boolean await(AtomicReference<Throwable> failure) {
        Thread.yield();
        return failure.get() == null;
    }

    /** A side that fails records why, so the other one stops waiting for it. */
    private static Runnable guarded(AtomicReference<Throwable> failure, Runnable side) {
        return () -> {
            try {
                side.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
    }
}
