package org.hakmem.api.spi;

/**
 * A pool's copies of the seats of its {@link ThreadHeaps} (the heaps of the first {@link ThreadHeaps#SEATS} platform
 * threads to bind, or of their adopters), kept in fields of the pool object itself: a pool extends this class, so a
 * seated thread finds its heap with one load from the pool and one compare, two dependent loads fewer than through the
 * table (the first seat measured against that: tinyHot 1.10x, randomMixed 1.06-1.12x; see {@link ThreadHeaps#SEATS}
 * for the others). Each seat is loaded only once the seats before it did not answer: passed to a method as four
 * arguments, all four were loaded on every call (side by side, randomMixed 1.05x and fixedSize 1.10x faster this way;
 * README). Owns those four fields and the search through them; never binds a thread (ThreadHeaps does, under the
 * pool's lock, and tells the pool through {@link ThreadHeaps.Lifecycle#seatChanged}).
 *
 * @param <H> the pool's heap type
 */
public abstract class HeapSeats<H extends ThreadHeaps.Heap> {

    // Written under the pool's lock, read without it: a thread finds itself only in a heap it bound (see Heap).
    private ThreadHeaps.Heap seat0 = ThreadHeaps.EMPTY_SEAT;
    private ThreadHeaps.Heap seat1 = ThreadHeaps.EMPTY_SEAT;
    private ThreadHeaps.Heap seat2 = ThreadHeaps.EMPTY_SEAT;
    private ThreadHeaps.Heap seat3 = ThreadHeaps.EMPTY_SEAT;

    /**
     * The calling platform thread's own heap if it has one bound already, else null (a virtual thread, or a platform
     * thread's first call): the seats in turn, then {@code heaps}' table. The fast path of a pool, which uses such a
     * heap without a lock, since only its thread ever does.
     */
    @SuppressWarnings("unchecked") // a seat holds one of this pool's heaps, or EMPTY_SEAT, which answers nobody
    protected final H own(ThreadHeaps<H> heaps) {
        Thread thread = Thread.currentThread();
        ThreadHeaps.Heap seated = seat0;
        if (seated.isBoundTo(thread)) {
            return (H) seated;
        }
        seated = seat1;
        if (seated.isBoundTo(thread)) {
            return (H) seated;
        }
        seated = seat2;
        if (seated.isBoundTo(thread)) {
            return (H) seated;
        }
        seated = seat3;
        if (seated.isBoundTo(thread)) {
            return (H) seated;
        }
        return heaps.fromTable(thread);
    }

    /** What {@link ThreadHeaps.Lifecycle#seatChanged} does with the news, under the pool's lock. */
    protected final void seat(int seat, ThreadHeaps.Heap heap) {
        switch (seat) {
            case 0 -> seat0 = heap;
            case 1 -> seat1 = heap;
            case 2 -> seat2 = heap;
            case 3 -> seat3 = heap;
            default -> throw new IllegalArgumentException("seat " + seat + " is not from 0 to " + (ThreadHeaps.SEATS - 1));
        }
    }

    /** What seat {@code seat} holds now (for tests). */
    final ThreadHeaps.Heap seated(int seat) {
        return switch (seat) {
            case 0 -> seat0;
            case 1 -> seat1;
            case 2 -> seat2;
            case 3 -> seat3;
            default -> throw new IllegalArgumentException("seat " + seat + " is not from 0 to " + (ThreadHeaps.SEATS - 1));
        };
    }
}
