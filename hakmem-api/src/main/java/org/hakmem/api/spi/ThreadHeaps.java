package org.hakmem.api.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Which per-thread heap (a pool's cache of free blocks) serves the calling thread. A platform thread gets a heap of
 * its own: the first {@link #SEATS} found by a compare with a copy the pool keeps in a field of its own, the others in
 * a small table by thread id. When a thread dies, the next new platform thread adopts its heap as it is (a server
 * replacing worker threads keeps its warm caches), with one compare-and-set on the heap's thread: no lock, no Java
 * object allocated, so threads that start together do not queue for the pool's lock (larson's new threads waited 8-22
 * us there; README). A dead thread's heap nobody adopted is handed to {@link Lifecycle#retire} before the pool maps
 * more memory ({@link #reapDead}), so its blocks are reused first, without waiting for a garbage collection. Virtual
 * threads share a few heaps, so a million of them still make only that many. Owns the binding of threads to heaps;
 * never looks inside a heap, and never synchronizes on anything but the pool's lock it is given.
 *
 * @param <H> the pool's heap type
 */
public final class ThreadHeaps<H extends ThreadHeaps.Heap> {

    /** What the pool does when a heap is needed or is left behind. All run under the pool's lock. */
    public interface Lifecycle<H> {
        /** A new heap; {@code shared} when virtual threads will share it (the pool must lock around its use). */
        H create(boolean shared);

        /** A heap whose thread died and that no new thread adopted ({@link #reapDead}): give its blocks back. */
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

        /** The thread bound to this heap if it has died (a moment's view, read without a lock), else null. */
        Thread deadThread() {
            Thread owner = thread;
            return owner != null && !owner.isAlive() ? owner : null;
        }

        /** Binds the heap to {@code thread} if it is still bound to {@code expected}: exactly one of racing binds wins. */
        boolean rebind(Thread expected, Thread thread) {
            return THREAD.compareAndSet(this, expected, thread);
        }
    }

    /** {@link Heap}'s thread field, between the pads. */
    abstract static class HeapBinding extends HeapLeadingPad {
        /**
         * The platform thread bound to this heap; null for a shared or retired heap. Set when the heap is made (before
         * it is published), then only by {@link Heap#rebind}: from a dead thread to the thread adopting the heap, or
         * to null when it is retired. Read without a lock. It only ever holds null, a thread that wrote itself here,
         * or a thread that has died: a thread finds itself here only if it bound this heap, and then it also sees the
         * heap as it left it; a thread that sees a dead one here sees everything that thread did (it found it dead).
         * Held strongly: a dead thread's object stays until a new thread adopts the heap or it is retired.
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

    /** {@link HeapBinding#thread}, for {@link Heap#rebind}. */
    private static final VarHandle THREAD;

    static {
        try {
            THREAD = MethodHandles.lookup().findVarHandle(HeapBinding.class, "thread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Table entries per thread id: a thread binding later takes a free one of its id's set. */
    static final int WAYS = 4;
    /** Sets in the table: consecutive thread ids fall into different sets until this many threads were made. */
    static final int SETS = 256;

    private final Object lock;
    private final Lifecycle<H> lifecycle;
    /**
     * The way to the heap of a platform thread without a seat: the {@link #WAYS} entries of its set (thread id modulo
     * the sets); an entry is the caller's if the heap is bound to it. Only a cache of {@link #platform}: written
     * without a lock by the threads binding, so two of them may take the same entry and one loses it; that one finds
     * its heap again through {@link #platform} and takes another entry.
     */
    private final Heap[] table;
    private final int setMask;
    /** Every platform heap not retired, bound to a live thread or a dead one. Copied on write under {@link #lock}. */
    private volatile Heap[] platform = new Heap[0];
    /**
     * Where a platform thread whose set had no free entry keeps its heap (four live threads without a seat in one set:
     * a process with many threads). Looked at only once there is one, so no other thread's first call makes a
     * ThreadLocal map.
     */
    private final ThreadLocal<H> overflow = new ThreadLocal<>();
    private volatile boolean overflowed;
    /** Made on first use, so a pool no virtual thread touches spends nothing on them. */
    private final AtomicReferenceArray<H> shared;
    private final AtomicLong adopted = new AtomicLong();
    /**
     * Guarded by {@link #lock}: the heaps of the first platform threads to ask (a program that allocates on a few
     * threads does all its work there), or of the threads that adopted them. A seat holds {@link #EMPTY_SEAT} until
     * it is taken and once its heap was retired; the next heap bound takes it. The pool mirrors them
     * ({@link Lifecycle#seatChanged}).
     */
    private final Heap[] seats = new Heap[SEATS];
    /** How many seats hold {@link #EMPTY_SEAT}: written under {@link #lock}; an adopter takes it only if any. */
    private volatile int emptySeats = SEATS;

    /**
     * @param lock        the pool's lock, which guards every heap list here and under which the lifecycle runs
     * @param sharedHeaps how many heaps virtual threads share (at least 1)
     */
    public ThreadHeaps(Object lock, int sharedHeaps, Lifecycle<H> lifecycle) {
        this(lock, sharedHeaps, lifecycle, SETS);
    }

    /** With {@code sets} sets in the table (a power of two): tests use one, to fill a set. */
    ThreadHeaps(Object lock, int sharedHeaps, Lifecycle<H> lifecycle, int sets) {
        if (sharedHeaps < 1) {
            throw new IllegalArgumentException("sharedHeaps " + sharedHeaps + " < 1");
        }
        if (sets < 1 || Integer.bitCount(sets) != 1) {
            throw new IllegalArgumentException("sets " + sets + " is not a power of two");
        }
        this.lock = lock;
        this.lifecycle = lifecycle;
        this.shared = new AtomicReferenceArray<>(sharedHeaps);
        this.table = new Heap[sets * WAYS];
        this.setMask = sets - 1;
        Arrays.fill(seats, EMPTY_SEAT);
    }

    /**
     * The calling thread's heap; a shared one for a virtual thread. The slow path of a pool whose
     * {@link HeapSeats#own} found nothing: the heap it bound before (its table entry was taken since), else a dead
     * thread's heap to adopt, else a new one.
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
        if (overflowed) {
            H spilled = overflow.get();
            if (spilled != null && spilled.isBoundTo(thread)) {
                return spilled;
            }
        }
        H heap = boundTo(thread);
        if (heap == null) {
            heap = adopt(thread);
        }
        if (heap == null) {
            heap = create(thread);
        }
        remember(thread, heap);
        return heap;
    }

    /**
     * The calling platform thread's heap if the first entry of its set holds it, else the other entries' answer: where
     * {@link HeapSeats#own} looks after the seats. Small, so that it is inlined into the pools' fast paths.
     */
    H fromTable(Thread thread) {
        int first = ((int) thread.threadId() & setMask) * WAYS;
        Heap cached = table[first];
        return cached != null && cached.isBoundTo(thread) ? cast(cached) : fromOtherWays(thread, first);
    }

    private H fromOtherWays(Thread thread, int first) {
        for (int way = 1; way < WAYS; way++) {
            Heap cached = table[first + way];
            if (cached != null && cached.isBoundTo(thread)) {
                return cast(cached);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked") // the table, the seats and the platform list hold this object's heaps only
    private H cast(Heap heap) {
        return (H) heap;
    }

    /** The heap {@code thread} bound earlier, if it has one: it lost its table entry to another thread. */
    private H boundTo(Thread thread) {
        for (Heap heap : platform) {
            if (heap.isBoundTo(thread)) {
                return cast(heap);
            }
        }
        return null;
    }

    /**
     * A dead thread's heap, now bound to {@code thread}, or null if there is none. Without the lock: the compare-and-set
     * on the heap's thread decides between adopters, and between an adopter and {@link #reapDead}. A thread found dead
     * ran its last action before this one, so it will never touch the heap again. A heap that had a seat keeps it, so
     * the pool's copy answers the new thread at once.
     */
    private H adopt(Thread thread) {
        for (Heap heap : platform) {
            Thread dead = heap.deadThread();
            if (dead != null && heap.rebind(dead, thread)) {
                adopted.incrementAndGet();
                if (emptySeats > 0 && !isSeated(heap)) {
                    synchronized (lock) {
                        seat(heap);
                    }
                }
                return cast(heap);
            }
        }
        return null;
    }

    /** A new heap for {@code thread}, bound before it is published, and seated if a seat is free. */
    private H create(Thread thread) {
        synchronized (lock) {
            H heap = lifecycle.create(false);
            heap.thread = thread;
            Heap[] grown = Arrays.copyOf(platform, platform.length + 1);
            grown[grown.length - 1] = heap;
            platform = grown;
            seat(heap);
            return heap;
        }
    }

    /**
     * Puts {@code heap}, unless it has a seat, in a table entry of {@code thread}'s set: one that is empty, or whose
     * heap serves no live thread of this set (retired, dead, or adopted by a thread of another set). With none, the
     * overflow holds it.
     */
    private void remember(Thread thread, H heap) {
        if (isSeated(heap)) {
            return;
        }
        int set = (int) thread.threadId() & setMask;
        for (int way = 0; way < WAYS; way++) {
            Heap cached = table[set * WAYS + way];
            Thread owner = cached == null ? null : cached.thread;
            if (owner == null || !owner.isAlive() || ((int) owner.threadId() & setMask) != set) {
                table[set * WAYS + way] = heap;
                return;
            }
        }
        overflow.set(heap);
        overflowed = true;
    }

    /**
     * Whether a seat holds {@code heap}. Read without the lock by the thread bound to it: only a retirement empties
     * a heap's seat, and a heap with a live thread is never retired, so a stale view can only miss a seat just taken.
     */
    private boolean isSeated(Heap heap) {
        for (Heap seated : seats) {
            if (seated == heap) {
                return true;
            }
        }
        return false;
    }

    /** Lock held: a heap just bound takes a free seat, unless it has one (adopted with it) or all are taken. */
    private void seat(Heap heap) {
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
            emptySeats--;
            lifecycle.seatChanged(free, heap);
        }
    }

    /**
     * Call with the pool's lock held, where the pool is about to map more memory: every heap whose thread died and
     * that no new thread adopted is retired, so its blocks come first. Not sooner: a new thread adopts such a heap
     * warm, and a server replacing its workers starts the next one soon after. A
     * heap is unbound (its thread set to null) before it is retired, so no adopter can take it any more.
     */
    public void reapDead() {
        for (Heap heap : platform) {
            Thread dead = heap.deadThread();
            if (dead != null && heap.rebind(dead, null)) {
                retire(heap);
            }
        }
    }

    /**
     * Whether a platform heap's thread has died and nobody adopted the heap yet: a look without the lock, so a pool
     * that is out of memory takes its lock for {@link #reapDead} only when there is something to reap.
     */
    public boolean anyDead() {
        for (Heap heap : platform) {
            if (heap.deadThread() != null) {
                return true;
            }
        }
        return false;
    }

    /** Lock held: out of the list, the seats and the table, then the pool gives its blocks back. */
    private void retire(Heap heap) {
        Heap[] left = new Heap[platform.length - 1];
        int kept = 0;
        for (Heap other : platform) {
            if (other != heap) {
                left[kept++] = other;
            }
        }
        platform = left;
        for (int seat = 0; seat < SEATS; seat++) {
            if (seats[seat] == heap) {
                seats[seat] = EMPTY_SEAT;
                emptySeats++;
                lifecycle.seatChanged(seat, EMPTY_SEAT);
            }
        }
        for (int i = 0; i < table.length; i++) {
            if (table[i] == heap) {
                table[i] = null;
            }
        }
        lifecycle.retire(cast(heap));
    }

    /** Every heap not retired, platform and shared. Call with the pool's lock held. */
    public void forEach(Consumer<H> action) {
        for (Heap heap : platform) {
            action.accept(cast(heap));
        }
        for (int i = 0; i < shared.length(); i++) {
            H heap = shared.get(i);
            if (heap != null) {
                action.accept(heap);
            }
        }
    }

    /** Heaps of dead threads taken over by new ones. */
    public long adopted() {
        return adopted.get();
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
}
