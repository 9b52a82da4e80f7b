package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Covers the search through a pool's seats: each seat answers the thread its heap is bound to, and nobody else. */
class HeapSeatsTest {

    private static final ThreadHeaps.Heap EMPTY = ThreadHeaps.EMPTY_SEAT;

    /** A ThreadHeaps whose table knows no thread (nobody ever calls heap() on it), so own() answers by seat alone. */
    private final ThreadHeaps<ThreadHeapsTest.Heap> noTable = new ThreadHeaps<>(new Object(), 1,
            new ThreadHeapsTest.Recorder());

    private static ThreadHeapsTest.Heap boundTo(Thread thread, int serial) {
        ThreadHeapsTest.Heap heap = new ThreadHeapsTest.Heap(serial, false);
        heap.rebind(null, thread);
        return heap;
    }

    @Test
    void everySeatAnswersTheThreadItsHeapIsBoundTo() {
        Thread me = Thread.currentThread();
        for (int seat = 0; seat < ThreadHeaps.SEATS; seat++) {
            ThreadHeaps.Heap[] seated = {EMPTY, EMPTY, EMPTY, EMPTY};
            ThreadHeapsTest.Heap mine = boundTo(me, seat);
            seated[seat] = mine;
            assertSame(mine, ThreadHeapsTest.seatsHolding(seated).own(noTable), "seat " + seat);
        }
    }

    @Test
    void theFirstSeatBoundToTheCallerAnswers() {
        Thread me = Thread.currentThread();
        ThreadHeapsTest.Heap first = boundTo(me, 1);
        ThreadHeapsTest.Heap second = boundTo(me, 2);
        assertSame(first, ThreadHeapsTest.seatsHolding(EMPTY, first, second).own(noTable));
    }

    @Test
    void seatsOfOtherThreadsAndEmptySeatsAnswerNobody() throws InterruptedException {
        Thread other = Thread.ofPlatform().unstarted(() -> { });
        HeapSeats<ThreadHeapsTest.Heap> seats = ThreadHeapsTest.seatsHolding(boundTo(other, 0), EMPTY,
                boundTo(other, 2), EMPTY);
        assertNull(seats.own(noTable), "the caller is bound to no seated heap and the table knows it not");
        AtomicReference<Object> virtual = new AtomicReference<>("unset");
        Thread.ofVirtual().start(() -> virtual.set(ThreadHeapsTest.seatsHolding().own(noTable))).join();
        assertNull(virtual.get(), "empty seats answer a virtual thread too");
    }

    @Test
    void aSeatIsSetAndReadByItsNumberOnly() {
        HeapSeats<ThreadHeapsTest.Heap> seats = ThreadHeapsTest.seatsHolding();
        ThreadHeapsTest.Heap heap = boundTo(Thread.currentThread(), 0);
        seats.seat(3, heap);
        assertSame(heap, seats.seated(3));
        assertSame(EMPTY, seats.seated(0), "the others stay empty");
        assertThrows(IllegalArgumentException.class, () -> seats.seat(ThreadHeaps.SEATS, heap));
        assertThrows(IllegalArgumentException.class, () -> seats.seat(-1, heap));
        assertThrows(IllegalArgumentException.class, () -> seats.seated(ThreadHeaps.SEATS));
    }
}
