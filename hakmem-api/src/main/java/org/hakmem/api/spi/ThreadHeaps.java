package org.hakmem.api.spi;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Which per-thread heap (a pool's cache of free blocks) serves the calling thread. A platform thread gets a heap of
 * its own: the first {@link #SEATS} found by a compare with a copy the pool keeps in a field of its own, the others by
 * thread id in a small table, all before a {@link ThreadLocal}; when it dies, the next new platform
 * thread adopts its heap as it is (a server replacing worker threads keeps its warm caches), and a heap nobody
 * adopts is handed to {@link Lifecycle#retire} so its blocks become reusable. Virtual threads share a few heaps,
 * so a million of them still make only that many. Owns the binding of threads to heaps; never looks inside a heap,
 * and never synchronizes on anything but the pool's lock it is given.
 *
 * @param <H> the pool's heap type
 */
public final class ThreadHeaps<H extends ThreadHeaps.Heap> {

    /** What the pool does when a heap is needed or is left behind. All run under the pool's lock. */
    public interface Lifecycle<H> {
        /** A new heap; {@code shared} when virtual threads will share it (the pool must lock around its use). */
        H create(boolean shared);

        /** A heap whose thread died and that no new thread adopted: give its blocks back. */
        void retire(H heap);

        /**
         * Seat {@code seat} (0 to {@link #SEATS} - 1) now holds {@code heap}, or {@link #EMPTY_SEAT} once that heap
         * was retired: the pool, a {@link HeapSeats}, passes it to {@link HeapSeats#seat}, so a seated thread finds
         * its heap with one load from the pool and a compare, and loads nothing of this object.
         */
        void seatChanged(int seat, Heap heap);
    }

    /**
     * What a pool keeps per thread. It knows the platform thread it serves, so finding it takes no lookup structure
     * of its own: a compare of that thread with the caller.
     *
     * <p>Every thread reads the seated heaps' {@code thread} (those compares come first on every call), while the
     * heap's own thread writes its heap on every call; sharing a cache line, the two pull the line back and forth
     * between cores on each call. Whether they did depended on where the objects happened to lie (two threads on the
     * mid pool: 22-30 ns an op in some builds, 14-16 in others). So the field has a line of its own: the classes
     * around it pad it by 64 bytes on each side, whatever object the garbage collector puts next to the heap; and a
     * pool keeps what its thread writes on every call in arrays padded by {@link #PAD_LONGS}, not in heap fields.
     */
    public abstract static class Heap extends HeapBinding {
        // The trailing pad: an int for the gap the field above leaves, then 64 bytes. Never read.
        private int trail0;
        private long trail1, trail2, trail3, trail4, trail5, trail6, trail7, trail8;

        /** Whether {@code thread} is the platform thread this heap serves. */
        public final boolean isBoundTo(Thread thread) {
            return this.thread == thread;
        }

        void bind(Thread thread) {
            this.thread = thread;
        }
    }

    /** {@link Heap}'s thread field, between the pads. */
    abstract static class HeapBinding extends HeapLeadingPad {
        /**
         * The platform thread bound to this heap; null for a shared or retired heap. Written under the pool's lock,
         * read without it. It only ever holds null, a thread that wrote itself here, or a thread that has died: a
         * thread finds itself here only if it bound this heap, and then it also sees the heap as it left it. Held
         * strongly: a dead thread's object stays until a new thread adopts the heap or it is retired, nothing more.
         */
        Thread thread;
    }

    /**
     * The leading pad of {@link Heap}'s thread field: an int for the gap after the object header (else a subclass's
     * field could take it), then 64 bytes. Superclass fields come first in an object, so this lies in front. Never read.
     */
    abstract static class HeapLeadingPad {
        private int lead0;
        private long lead1, lead2, lead3, lead4, lead5, lead6, lead7, lead8;
    }

    /**
     * Entries a heap's long[] that its thread writes on every call leaves unused at each end: 64 bytes, so no other
     * object (another thread's heap, say, after the garbage collector moved both) shares a cache line with its hot
     * entries. See {@link Heap}.
     */
    public static final int PAD_LONGS = 8;

    /**
     * How many heaps the pool keeps copies of, each compared with the caller before the table. A heap reached
     * through the table is three dependent loads further away (the thread's id, the entry, then the heap): JMH mid2t
     * 88 against 101 ops/us seated, webServerMix2t 92.5 against 101.3 (README). Four: JMH's thread and two workers,
     * with one to spare, in this machine's two-thread scenarios; in a server, its first four threads.
     */
    public static final int SEATS = 4;

    /**
     * What an empty seat holds: a heap bound to no thread, so it answers nobody, and {@link HeapSeats#own} needs no
     * null test.
     */
    public static final Heap EMPTY_SEAT = new Heap() {
    };

    /** Heaps of dead threads are found through this: a handle is reachable only from its thread's ThreadLocal. */
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int BINDINGS = 256;

    private final Object lock;
    private final Lifecycle<H> lifecycle;
    private final ThreadLocal<Handle<H>> platformHeaps = new ThreadLocal<>();
    /**
     * The fast way to the calling platform thread's heap: indexed by thread id; an entry is the caller's if the heap
     * is bound to it. A miss (another thread's heap in the entry, a virtual thread) takes the slow way.
     */
    private final Heap[] table = new Heap[BINDINGS];
    /** Made on first use, so a pool no virtual thread touches spends nothing on them. */
    private final AtomicReferenceArray<H> shared;
    /** Guarded by {@link #lock}: the heaps of platform threads, each with its current binding. */
    private final List<Binding<H>> platform = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private long adopted;
    /**
     * Guarded by {@link #lock}: the heaps of the first platform threads to ask (a program that allocates on a few
     * threads does all its work there), or of the threads that adopted them. A seat holds {@link #EMPTY_SEAT} until
     * it is taken and once its heap was retired; the next heap bound takes it. The pool mirrors them
     * ({@link Lifecycle#seatChanged}).
     */
    private final Heap[] seats = new Heap[SEATS];

    /**
     * @param lock        the pool's lock, which guards every heap list here and under which the lifecycle runs
     * @param sharedHeaps how many heaps virtual threads share (at least 1)
     */
    public ThreadHeaps(Object lock, int sharedHeaps, Lifecycle<H> lifecycle) {
        if (sharedHeaps < 1) {
            throw new IllegalArgumentException("sharedHeaps " + sharedHeaps + " < 1");
        }
        this.lock = lock;
        this.lifecycle = lifecycle;
        this.shared = new AtomicReferenceArray<>(sharedHeaps);
        Arrays.fill(seats, EMPTY_SEAT);
    }

    /**
     * The calling thread's heap; a shared one for a virtual thread. The slow path of a pool whose
     * {@link HeapSeats#own} found nothing (so it looks no further than the table before binding).
     */
    public H heap() {
        Thread thread = Thread.currentThread();
        H own = fromTable(thread);
        if (own != null) {
            return own;
        }
        if (thread.isVirtual()) {
            return sharedHeap((int) (thread.threadId() % shared.length()));
        }
        Handle<H> handle = platformHeaps.get();
        if (handle == null) {
            handle = new Handle<>(bind(thread));
            CLEANER.register(handle, new Orphaning<>(new WeakReference<>(this), handle.binding));
            platformHeaps.set(handle);
        }
        table[(int) thread.threadId() & (BINDINGS - 1)] = handle.binding.heap;
        return handle.binding.heap;
    }

    /**
     * The calling platform thread's heap if the table holds it, else null: where {@link HeapSeats#own} looks after the
     * seats.
     */
    @SuppressWarnings("unchecked") // the table holds this object's heaps only
    H fromTable(Thread thread) {
        Heap cached = table[(int) thread.threadId() & (BINDINGS - 1)];
        return cached != null && cached.isBoundTo(thread) ? (H) cached : null;
    }

    /** Every live heap, platform and shared. Call with the pool's lock held. */
    public void forEach(Consumer<H> action) {
        for (Binding<H> binding : platform) {
            action.accept(binding.heap);
        }
        for (int i = 0; i < shared.length(); i++) {
            H heap = shared.get(i);
            if (heap != null) {
                action.accept(heap);
            }
        }
    }

    /** Heaps of dead threads taken over by new ones. Call with the pool's lock held. */
    public long adopted() {
        return adopted;
    }

    private H sharedHeap(int index) {
        H heap = shared.get(index);
        if (heap == null) {
            synchronized (lock) {
                heap = shared.get(index);
                if (heap == null) {
                    heap = lifecycle.create(true);
                    shared.set(index, heap);
                }
            }
        }
        return heap;
    }

    /**
     * A platform thread's first call: the heap of a thread that has died, if there is one; else a new one. A thread
     * found dead ran its last action before this one: it will never touch the heap again. The heap is bound to the
     * new thread at once, so if it had a seat, the new thread gets that fast compare too.
     */
    private Binding<H> bind(Thread thread) {
        synchronized (lock) {
            for (int i = 0; i < platform.size(); i++) {
                Thread owner = platform.get(i).get();
                if (owner == null || !owner.isAlive()) {
                    Binding<H> taken = new Binding<>(thread, platform.get(i).heap);
                    taken.heap.bind(thread);
                    platform.set(i, taken);
                    adopted++;
                    seat(taken.heap);
                    return taken;
                }
            }
            Binding<H> fresh = new Binding<>(thread, lifecycle.create(false));
            fresh.heap.bind(thread);
            platform.add(fresh);
            seat(fresh.heap);
            return fresh;
        }
    }

    /** Lock held: a heap just bound takes a free seat, unless it has one (adopted with it) or all are taken. */
    private void seat(H heap) {
        int free = -1;
        for (int seat = SEATS - 1; seat >= 0; seat--) {
            if (seats[seat] == heap) {
                return;
            }
            if (seats[seat] == EMPTY_SEAT) {
                free = seat;
            }
        }
        if (free >= 0) {
            seats[free] = heap;
            lifecycle.seatChanged(free, heap);
        }
    }

    /** Runs once the thread of {@code binding} has died: unless a new thread adopted its heap, retire the heap. */
    private void orphan(Binding<H> binding) {
        synchronized (lock) {
            if (!platform.remove(binding)) {
                return; // adopted since, and bound to its new thread
            }
            for (int seat = 0; seat < SEATS; seat++) {
                if (seats[seat] == binding.heap) {
                    seats[seat] = EMPTY_SEAT;
                    lifecycle.seatChanged(seat, EMPTY_SEAT);
                }
            }
            for (int i = 0; i < BINDINGS; i++) {
                if (table[i] == binding.heap) {
                    table[i] = null;
                }
            }
            binding.heap.bind(null);
            lifecycle.retire(binding.heap);
        }
    }

    /** What a platform thread's ThreadLocal holds; when it becomes unreachable, the thread is gone. */
    private static final class Handle<H> {
        final Binding<H> binding;

        Handle(Binding<H> binding) {
            this.binding = binding;
        }
    }

    /** A thread and its heap. The thread is held weakly: a binding keeps no dead thread alive, only its heap may. */
    private static final class Binding<H> extends WeakReference<Thread> {
        final H heap;

        Binding(Thread thread, H heap) {
            super(thread);
            this.heap = heap;
        }
    }

    /**
     * The cleaning action: must not reach its Handle, or the handle would never become unreachable; and reaches the
     * heaps only weakly, so that a thread outliving its allocator does not keep the pool alive.
     */
    private record Orphaning<H extends Heap>(WeakReference<ThreadHeaps<H>> heaps, Binding<H> binding)
            implements Runnable {
        @Override
        public void run() {
            ThreadHeaps<H> owner = heaps.get();
            if (owner != null) {
                owner.orphan(binding);
            }
        }
    }
}
