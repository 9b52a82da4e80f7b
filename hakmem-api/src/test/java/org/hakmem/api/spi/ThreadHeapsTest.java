package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Covers which heap each thread gets: its own, an adopted one of a dead thread, or a shared one; and retirement. */
class ThreadHeapsTest {

    /** A heap: only its identity and whether virtual threads share it matter here. */
    static final class Heap extends ThreadHeaps.Heap {
        final int serial;
        final boolean shared;

        Heap(int serial, boolean shared) {
            this.serial = serial;
            this.shared = shared;
        }

        boolean shared() {
            return shared;
        }
    }

    /**
     * Records what the pool would be asked to do; runs under the lock as the pool's lifecycle does. Keeps the seats as a
     * pool does, and finds the calling thread's heap as a pool's fast path does ({@link HeapSeats#own}).
     */
    static final class Recorder extends HeapSeats<Heap> implements ThreadHeaps.Lifecycle<Heap> {
        final Object lock = new Object();
        final List<Heap> created = Collections.synchronizedList(new ArrayList<>());
        final List<Heap> retired = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Heap create(boolean shared) {
            assertTrue(Thread.holdsLock(lock), "create runs under the pool's lock");
            Heap heap = new Heap(created.size(), shared);
            created.add(heap);
            return heap;
        }

        @Override
        public void retire(Heap heap) {
            assertTrue(Thread.holdsLock(lock), "retire runs under the pool's lock");
            retired.add(heap);
        }

        /** What each seat was set to, in order, as "seat:serial" ("seat:-" once its heap was retired). */
        final List<String> seatChanges = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void seatChanged(int seat, ThreadHeaps.Heap heap) {
            assertTrue(Thread.holdsLock(lock), "seatChanged runs under the pool's lock");
            seat(seat, heap);
            seatChanges.add(seat + ":" + (heap == EMPTY ? "-" : ((Heap) heap).serial));
        }
    }

    private static final ThreadHeaps.Heap EMPTY = ThreadHeaps.EMPTY_SEAT;

    private final Recorder recorder = new Recorder();
    private final ThreadHeaps<Heap> heaps = new ThreadHeaps<>(recorder.lock, 4, recorder);

    /** A pool's seats, holding {@code seated} from seat 0 on and {@link ThreadHeaps#EMPTY_SEAT} after them. */
    static HeapSeats<Heap> seatsHolding(ThreadHeaps.Heap... seated) {
        HeapSeats<Heap> seats = new HeapSeats<>() {
        };
        for (int seat = 0; seat < seated.length; seat++) {
            seats.seat(seat, seated[seat]);
        }
        return seats;
    }

    private static Heap heapOf(ThreadHeaps<Heap> heaps, Thread.Builder builder) throws InterruptedException {
        AtomicReference<Heap> heap = new AtomicReference<>();
        Thread thread = builder.start(() -> heap.set(heaps.heap()));
        thread.join();
        return heap.get();
    }

    /**
     * Starts a platform thread that takes its heap into {@code heap} and lives until {@code finish}, then runs
     * {@code last}; returns once the heap is taken.
     */
    private Thread holdingHeap(AtomicReference<Heap> heap, CountDownLatch finish, Runnable last)
            throws InterruptedException {
        CountDownLatch bound = new CountDownLatch(1);
        Thread thread = Thread.ofPlatform().start(() -> {
            heap.set(heaps.heap());
            bound.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            last.run();
        });
        bound.await();
        return thread;
    }

    private long adopted() {
        synchronized (recorder.lock) {
            return heaps.adopted();
        }
    }

    /** What a pool does before it takes memory it has not handed out before. */
    private void reapDead() {
        synchronized (recorder.lock) {
            heaps.reapDead();
        }
    }

    @Test
    void atLeastOneSharedHeapIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadHeaps<>(new Object(), 0, recorder));
    }

    @Test
    void aThreadGetsTheSameHeapOnEveryCall() {
        Heap heap = heaps.heap();
        for (int i = 0; i < 1000; i++) {
            assertSame(heap, heaps.heap());
        }
        assertEquals(List.of(heap), recorder.created);
        assertTrue(!heap.shared(), "a platform thread's heap is its own");
    }

    @Test
    void ownIsTheCallersBoundPlatformHeapAndNullForEveryOtherCaller() throws InterruptedException {
        assertNull(seatsHolding().own(heaps), "this thread has no heap yet");
        CountDownLatch finish = new CountDownLatch(1);
        List<Thread> seated = new ArrayList<>();
        for (int t = 0; t < ThreadHeaps.SEATS; t++) {
            seated.add(holdingHeap(new AtomicReference<>(), finish, () -> { }));
        }
        Heap mine = heaps.heap();
        finish.countDown();
        for (Thread thread : seated) {
            thread.join();
        }
        for (int seat = 0; seat < ThreadHeaps.SEATS; seat++) {
            assertNotSame(mine, recorder.seated(seat), "the four threads before took every seat");
        }
        assertSame(mine, seatsHolding().own(heaps), "found through the table");
        assertSame(mine, seatsHolding(EMPTY, EMPTY, EMPTY, mine).own(heaps), "found through the pool's copy of a seat");
        HeapSeats<Heap> everySeatMine = seatsHolding(mine, mine, mine, mine);
        AtomicReference<Object> platform = new AtomicReference<>("unset");
        Thread.ofPlatform().start(() -> platform.set(everySeatMine.own(heaps))).join();
        assertNull(platform.get(), "another platform thread before it binds a heap of its own");
        AtomicReference<Object> virtual = new AtomicReference<>("unset");
        Thread.ofVirtual().start(() -> {
            heaps.heap();
            virtual.set(everySeatMine.own(heaps));
        }).join();
        assertNull(virtual.get(), "a virtual thread, even once it has its shared heap: that one needs its lock");
    }

    @Test
    void twoLivePlatformThreadsGetDifferentHeaps() throws InterruptedException {
        Heap mine = heaps.heap();
        CountDownLatch finish = new CountDownLatch(1);
        AtomicReference<Heap> theirs = new AtomicReference<>();
        AtomicReference<Heap> theirsAgain = new AtomicReference<>();
        Thread other = holdingHeap(theirs, finish, () -> theirsAgain.set(heaps.heap()));
        assertSame(mine, heaps.heap(), "the other thread did not take this thread's heap");
        finish.countDown();
        other.join();
        assertNotSame(mine, theirs.get());
        assertSame(theirs.get(), theirsAgain.get());
        assertEquals(2, recorder.created.size());
        assertEquals(0, adopted());
    }

    /**
     * The first threads to bind get a seat (a compare of their own before the table). Threads that all bind at once
     * race for the seats: each must still see exactly one heap, its own, on every call, seated or not.
     */
    @Test
    void threadsBindingAtOnceEachKeepTheirOwnHeap() throws InterruptedException {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1); // all stay alive: a dead thread's heap would be adopted
        List<Set<Heap>> seen = new ArrayList<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Set<Heap> mine = Collections.newSetFromMap(new IdentityHashMap<>());
            seen.add(mine);
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 10_000; i++) {
                        mine.add(i % 2 == 0 ? heaps.heap() : recorder.own(heaps));
                    }
                    done.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        done.await();
        release.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        Set<Heap> all = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Set<Heap> mine : seen) {
            assertEquals(1, mine.size(), "one heap for every call of a thread: " + mine);
            all.addAll(mine);
        }
        assertEquals(threads, all.size(), "no heap shared by two live threads");
    }

    /**
     * The first {@link ThreadHeaps#SEATS} threads to bind take the seats, in order; a thread bound after them is found
     * through the table. Each seat answers its own thread only.
     */
    @Test
    void theFirstThreadsToBindTakeTheSeatsAndTheNextOnesTheTable() throws InterruptedException {
        CountDownLatch finish = new CountDownLatch(1);
        List<AtomicReference<Heap>> bound = new ArrayList<>();
        List<AtomicReference<Heap>> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t <= ThreadHeaps.SEATS; t++) {
            AtomicReference<Heap> heap = new AtomicReference<>();
            AtomicReference<Heap> again = new AtomicReference<>();
            bound.add(heap);
            seen.add(again);
            threads.add(holdingHeap(heap, finish, () -> again.set(recorder.own(heaps))));
        }
        assertEquals(List.of("0:0", "1:1", "2:2", "3:3"), recorder.seatChanges, "one seat each for the first four");
        for (int t = 0; t < ThreadHeaps.SEATS; t++) {
            assertSame(bound.get(t).get(), recorder.seated(t));
        }
        assertNull(recorder.own(heaps), "this thread passes every seat and the table: it has no heap");
        finish.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        for (int t = 0; t <= ThreadHeaps.SEATS; t++) {
            assertSame(bound.get(t).get(), seen.get(t).get(), "thread " + t + " found its own heap, seated or not");
        }
    }

    /**
     * A seat names a heap, not a thread: once that heap's thread has died and the heap was retired, the pool hears
     * it, the copy never serves anyone else, and the next heap bound takes the seat.
     */
    @Test
    void aRetiredHeapsSeatIsEmptiedAndTakenByTheNextHeapBound() throws InterruptedException {
        AtomicReference<Heap> seated = new AtomicReference<>();
        CountDownLatch finish = new CountDownLatch(1);
        Thread seatedThread = holdingHeap(seated, finish, () -> assertSame(seated.get(), recorder.own(heaps)));
        assertEquals(List.of("0:0"), recorder.seatChanges, "the pool heard of the first thread's heap");
        AtomicReference<Heap> other = new AtomicReference<>();
        Thread.ofPlatform().start(() -> {
            assertNull(recorder.own(heaps), "another thread passing the seats has no heap yet");
            other.set(heaps.heap());
        }).join();
        assertNotSame(seated.get(), other.get(), "another thread gets a heap of its own");
        finish.countDown();
        seatedThread.join();
        reapDead();
        // Both threads died; both heaps were retired, in either order.
        assertEquals(Set.of("0:0", "1:1", "0:-", "1:-"), Set.copyOf(recorder.seatChanges), "and heard them retired");
        assertFalse(seated.get().isBoundTo(seatedThread), "the retired heap no longer names the dead thread");
        Heap next = heapOf(heaps, Thread.ofPlatform());
        assertEquals(2, next.serial, "a new heap: a retired one is never adopted");
        assertSame(next, recorder.seated(0), "it took the first empty seat");
    }

    /** A new thread that adopts a seated heap is bound to it at once, and so is answered by its seat too. */
    @Test
    void aThreadThatAdoptsASeatedHeapIsAnsweredByThePoolsCopy() throws InterruptedException {
        Heap first = heapOf(heaps, Thread.ofPlatform());
        AtomicReference<Heap> adopted = new AtomicReference<>();
        AtomicReference<Boolean> boundAtOnce = new AtomicReference<>();
        Thread adopter = Thread.ofPlatform().start(() -> {
            adopted.set(heaps.heap());
            boundAtOnce.set(recorder.own(heaps) == first);
        });
        adopter.join();
        assertSame(first, adopted.get(), "the new thread adopted the dead first thread's heap");
        assertTrue(boundAtOnce.get(), "and the pool's copy of its seat answers it");
        assertEquals(List.of("0:0"), recorder.seatChanges, "the seat did not change");
    }

    @Test
    void aDeadThreadsHeapGoesToTheNextNewPlatformThreadWithoutBeingRetired() throws InterruptedException {
        Heap first = heapOf(heaps, Thread.ofPlatform());
        AtomicReference<Heap> second = new AtomicReference<>();
        CountDownLatch finish = new CountDownLatch(1);
        Thread adopter = holdingHeap(second, finish, () -> { });
        assertSame(first, second.get(), "the new thread adopted the dead one's heap");
        assertEquals(1, adopted());
        assertEquals(1, recorder.created.size());
        reapDead();
        assertEquals(List.of(), recorder.retired, "an adopted heap is not retired while its new thread lives");
        finish.countDown();
        adopter.join();
        reapDead();
        reapDead();
        assertEquals(List.of(first), recorder.retired, "once the adopter dies too, the heap is retired, once");
    }

    @Test
    void aDeadThreadsHeapNobodyAdoptsIsRetiredExactlyOnceWhenThePoolReaps() throws InterruptedException {
        assertFalse(heaps.anyDead(), "no thread bound yet");
        Heap orphan = heapOf(heaps, Thread.ofPlatform());
        assertTrue(heaps.anyDead(), "its thread is gone");
        assertEquals(List.of(), recorder.retired, "nothing is retired before the pool needs memory");
        reapDead();
        assertFalse(heaps.anyDead(), "retired, so no longer anyone's");
        assertEquals(List.of(orphan), recorder.retired, "retired once the pool looked for dead threads");
        for (int i = 0; i < 5; i++) {
            reapDead();
        }
        assertEquals(List.of(orphan), recorder.retired, "and only once");
        Heap next = heapOf(heaps, Thread.ofPlatform());
        assertNotSame(orphan, next, "a retired heap is not adopted");
        assertEquals(0, adopted());
        List<Heap> live = new ArrayList<>();
        synchronized (recorder.lock) {
            heaps.forEach(live::add);
        }
        assertTrue(!live.contains(orphan), "a retired heap is no longer visited");
    }

    /**
     * A new thread adopts a dead thread's heap without the pool's lock: threads that start together do not queue
     * behind each other or behind a thread that holds the lock for its slow path.
     */
    @Test
    void aNewThreadAdoptsADeadThreadsHeapWhileThePoolsLockIsHeld() throws InterruptedException {
        Heap dead = heapOf(heaps, Thread.ofPlatform());
        AtomicReference<Heap> adopted = new AtomicReference<>();
        Thread adopter;
        synchronized (recorder.lock) {
            adopter = Thread.ofPlatform().start(() -> adopted.set(heaps.heap()));
            adopter.join(10_000);
        }
        assertFalse(adopter.isAlive(), "the adopter waited for the pool's lock");
        assertSame(dead, adopted.get());
        assertEquals(1, adopted());
    }

    /**
     * Threads that start while the pool reaps: each dead thread's heap goes to exactly one of them or is retired,
     * never both, and no two live threads share a heap.
     */
    @Test
    void newThreadsAndAReapingPoolRaceForDeadHeapsAndEachHeapGoesOneWay() throws InterruptedException {
        int dead = 6;
        List<Heap> deadHeaps = new ArrayList<>();
        CountDownLatch allBound = new CountDownLatch(dead);
        CountDownLatch end = new CountDownLatch(1);
        List<Thread> first = new ArrayList<>();
        for (int t = 0; t < dead; t++) { // alive together, so each makes a heap of its own
            AtomicReference<Heap> heap = new AtomicReference<>();
            first.add(holdingHeap(heap, end, () -> { }));
            deadHeaps.add(heap.get());
            allBound.countDown();
        }
        allBound.await();
        end.countDown();
        for (Thread thread : first) {
            thread.join();
        }
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<AtomicReference<Heap>> got = new ArrayList<>();
        List<Thread> next = new ArrayList<>();
        for (int t = 0; t < dead; t++) {
            AtomicReference<Heap> heap = new AtomicReference<>();
            got.add(heap);
            next.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    heap.set(heaps.heap());
                    release.await(); // alive until every heap is checked: a dead one could be adopted twice
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        reapDead();
        for (AtomicReference<Heap> heap : got) {
            while (heap.get() == null) {
                Thread.onSpinWait();
            }
        }
        Set<Heap> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        got.forEach(heap -> taken.add(heap.get()));
        release.countDown();
        for (Thread thread : next) {
            thread.join();
        }
        assertEquals(dead, taken.size(), "no heap shared by two live threads");
        for (Heap heap : deadHeaps) {
            assertTrue(taken.contains(heap) != recorder.retired.contains(heap), "adopted or retired, one of them");
        }
        assertEquals(dead, adopted() + recorder.retired.size());
    }

    /**
     * A thread without a seat finds its heap in one of the {@link ThreadHeaps#WAYS} entries of its set; once those
     * hold live threads' heaps, further threads keep theirs in the overflow, and every thread still gets its own.
     */
    @Test
    void threadsBeyondTheSeatsAndAFullSetKeepTheirOwnHeaps() throws InterruptedException {
        ThreadHeaps<Heap> oneSet = new ThreadHeaps<>(recorder.lock, 1, recorder, 1);
        int threads = ThreadHeaps.SEATS + ThreadHeaps.WAYS + 2;
        CountDownLatch finish = new CountDownLatch(1);
        List<AtomicReference<Heap>> bound = new ArrayList<>();
        List<AtomicReference<Heap>> again = new ArrayList<>();
        List<AtomicReference<Heap>> byTable = new ArrayList<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) { // one after the other: each takes the next seat, way, or the overflow
            AtomicReference<Heap> heap = new AtomicReference<>();
            AtomicReference<Heap> later = new AtomicReference<>();
            AtomicReference<Heap> seatsAndTable = new AtomicReference<>();
            CountDownLatch ready = new CountDownLatch(1);
            started.add(Thread.ofPlatform().start(() -> {
                heap.set(oneSet.heap());
                seatsAndTable.set(recorder.own(oneSet));
                ready.countDown();
                try {
                    finish.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                Heap same = oneSet.heap();
                for (int i = 0; i < 1000 && same == heap.get(); i++) {
                    same = oneSet.heap();
                }
                later.set(same);
            }));
            ready.await();
            bound.add(heap);
            again.add(later);
            byTable.add(seatsAndTable);
        }
        finish.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        Set<Heap> all = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int t = 0; t < threads; t++) {
            all.add(bound.get(t).get());
            assertSame(bound.get(t).get(), again.get(t).get(), "thread " + t + " kept its heap");
            Heap expected = t < ThreadHeaps.SEATS + ThreadHeaps.WAYS ? bound.get(t).get() : null;
            assertSame(expected, byTable.get(t).get(), "thread " + t + ": seat, table entry, or overflow");
        }
        assertEquals(threads, all.size(), "no heap shared by two live threads");
    }

    @Test
    void tenThousandVirtualThreadsShareAtMostTheSharedHeaps() throws InterruptedException {
        Set<Heap> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                Heap heap = heaps.heap();
                assertSame(heap, heaps.heap(), "a virtual thread keeps its heap between calls");
                seen.add(heap);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(!seen.isEmpty() && seen.size() <= 4, "heaps used: " + seen.size());
        assertTrue(recorder.created.size() <= 4, "heaps made: " + recorder.created.size());
        assertTrue(recorder.created.stream().allMatch(Heap::shared), "virtual threads get shared heaps only");
        assertEquals(Set.copyOf(recorder.created), Set.copyOf(seen));
    }

    @Test
    void forEachVisitsThePlatformAndTheSharedHeaps() throws InterruptedException {
        Heap mine = heaps.heap();
        CountDownLatch finish = new CountDownLatch(1);
        AtomicReference<Heap> theirs = new AtomicReference<>();
        Thread other = holdingHeap(theirs, finish, () -> { });
        Heap shared = heapOf(heaps, Thread.ofVirtual());
        assertTrue(shared.shared());
        List<Heap> visited = new ArrayList<>();
        synchronized (recorder.lock) {
            heaps.forEach(visited::add);
        }
        finish.countDown();
        other.join();
        assertEquals(3, visited.size(), "visited: " + visited);
        assertTrue(visited.containsAll(List.of(mine, theirs.get(), shared)), "visited: " + visited);
    }
}
