package org.hakmem.bench.allocators;

import java.lang.foreign.Arena;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.RegionTable;

/**
 * Yardstick "floor": what a free + malloc costs a Java allocator that does only the checks hakmem's fast path has to
 * do (the region the address lies in, a live header tag, a block start, the calling thread's stacks, closed) and
 * nothing else. One stack of addresses per class; blocks carved from 2 MiB regions that a {@link RegionTable} vouches
 * for. Up to 1016 B the classes are hakmem's tiny ones (powers of two, an 8-byte header, a block start known by
 * alignment); above, up to 1 MiB, they are hakmem's mid classes with its mid header ({@link MidHeader}: four classes
 * per power of two, a tag that carries a check of its own address, so blocks lie one after the other, not on their
 * size's alignment); so it lays blocks out as hakmem does, and only hakmem's layers are missing. Larger or
 * over-aligned blocks get an {@link Arena} each. Each thread works on a {@link FloorHeap} of its own (at most
 * {@link #HEAPS} threads at once; a new thread takes over the heap of one that died, as hakmem's do); a block freed by
 * another thread simply joins that thread's stacks. No caches in front, no central lists, no budgets: it never gives
 * memory back before {@link #close}, so blocks only one thread frees (producerConsumer) pile up there until a stack is
 * full. Not an allocator to use, and never a peer: the README reads the issues' targets against it. Owns its regions
 * and the binding of threads to heaps; never reads or writes a byte of a block but its header.
 */
final class FloorYardstick extends Peer {

    /** Tiny class c (below this) has blocks of {@code 16 << c} bytes, header included: 16 B to 1 KiB. */
    static final int TINY_CLASSES = 7;
    static final long HEADER = 8;
    /** The largest request a tiny class serves. */
    static final long TINY_MAX = (16L << (TINY_CLASSES - 1)) - HEADER;
    /** Class {@code TINY_CLASSES + m} is hakmem's plain mid class m. */
    static final int CLASSES = TINY_CLASSES + MidHeader.CLASSES;
    /** The largest request a class serves; larger ones (and alignments above 8 B) take an Arena each. */
    static final long MAX_POOLED = MidHeader.MAX_CLASS_SIZE;
    /** The most threads it serves at once. */
    static final int HEAPS = 4;

    private static final long REGION = RegionTable.REGION_SIZE;
    private static final long LIVE = 0x464C4F4F_0000A000L; // "FLOO", then 0xa0 and the class
    private static final long FREE = 0x464C4F4F_0000F000L;

    private final RegionTable regions = new RegionTable(1 << 12);
    private final AtomicInteger regionIds = new AtomicInteger();
    private final Arena mappings = Arena.ofShared();
    private final Map<Long, Big> big = new ConcurrentHashMap<>();
    /** Guarded by this: the heaps, bound to their threads. */
    private final FloorHeap[] heaps = new FloorHeap[HEAPS];
    /** The first thread's heap (written under the lock): that thread finds it with one compare. */
    private FloorHeap first;
    private boolean closed;

    private record Big(Arena arena, long size) {
    }

    FloorYardstick() {
        super("floor");
    }

    /** The tiny class of a request of at most {@link #TINY_MAX} bytes. */
    static int classOf(long size) {
        return Math.max(0, 60 - Long.numberOfLeadingZeros(size + HEADER - 1));
    }

    @Override
    public long malloc(int slot, long size) {
        FloorHeap heap = heap();
        if (size < 0 || size > TINY_MAX) {
            return mallocAbove(heap, size);
        }
        int sizeClass = classOf(size);
        long address = heap.pop(sizeClass);
        NativeMemory.putLong(address - HEADER, LIVE | sizeClass);
        return address;
    }

    /** Beyond the tiny range, out of line so that the tiny path stays what it was: a mid class, or an Arena. */
    private long mallocAbove(FloorHeap heap, long size) {
        if (size < 0 || size > MAX_POOLED) {
            return allocateBig(size, HEADER);
        }
        int mid = MidHeader.classOf(size);
        long address = heap.pop(TINY_CLASSES + mid);
        MidHeader.markLive(address, mid);
        return address;
    }

    @Override
    public void free(int slot, long address) {
        FloorHeap heap = heap();
        if (address == 0) {
            return;
        }
        if (regions.lookup(address) < 0) {
            freeBig(address);
            return;
        }
        long header = header(address);
        int sizeClass = (int) (header & 0xFF);
        if (!isLiveTiny(address, header, sizeClass)) {
            freeMid(heap, address, header);
            return;
        }
        NativeMemory.putLong(address - HEADER, FREE | sizeClass);
        heap.push(sizeClass, address);
    }

    /** Not a live tiny block: a live mid block, else a refusal. */
    private static void freeMid(FloorHeap heap, long address, long header) {
        int mid = midClass(address, header);
        MidHeader.markFree(address, mid);
        heap.push(TINY_CLASSES + mid, address);
    }

    @Override
    public long realloc(int slot, long address, long newSize) {
        ensureOpen();
        long usable = usableSize(address); // refuses a block it did not hand out before taking a new one
        long moved = malloc(slot, newSize);
        NativeMemory.copy(address, moved, Math.min(usable, newSize));
        free(slot, address);
        return moved;
    }

    @Override
    public long alignedAlloc(int slot, long alignment, long size) {
        return alignment <= HEADER ? malloc(slot, size) : allocateBig(size, alignment);
    }

    @Override
    public synchronized void close() {
        closed = true;
        big.values().forEach(block -> block.arena().close());
        big.clear();
        mappings.close();
    }

    private long usableSize(long address) {
        if (regions.lookup(address) >= 0) {
            long header = header(address);
            int sizeClass = (int) (header & 0xFF);
            return isLiveTiny(address, header, sizeClass) ? (16L << sizeClass) - HEADER
                    : MidHeader.usableSize(midClass(address, header));
        }
        Big block = big.get(address);
        if (block == null) {
            throw new IllegalArgumentException("floor: 0x" + Long.toHexString(address) + " is not its block");
        }
        return block.size();
    }

    /**
     * The header in front of {@code address}, which lies in one of the regions: read only there, and only where the
     * header lies in the same region.
     */
    private static long header(long address) {
        if ((address & (REGION - 1)) < HEADER) {
            throw new IllegalArgumentException("floor: 0x" + Long.toHexString(address) + " is no block start");
        }
        return NativeMemory.getLong(address - HEADER);
    }

    /** Whether {@code header} is a live tiny tag of {@code sizeClass} (its low byte) at a block start of that class. */
    private static boolean isLiveTiny(long address, long header, int sizeClass) {
        return (header & ~0xFFL) == LIVE && sizeClass < TINY_CLASSES
                && ((address - HEADER) & ((16L << sizeClass) - 1)) == 0;
    }

    /** The mid class of a live mid block's header (its tag checks its own address), else a refusal. */
    private static int midClass(long address, long header) {
        int mid = MidHeader.liveClass(address, header);
        if (mid < 0 || mid >= MidHeader.CLASSES || (address & (REGION - 1)) < MidHeader.SIZE) {
            throw new IllegalArgumentException("floor: 0x" + Long.toHexString(address) + " is no live block");
        }
        return mid;
    }

    private long allocateBig(long size, long alignment) {
        if (size < 0) {
            throw new IllegalArgumentException("floor: size " + size + " is negative");
        }
        Arena arena = Arena.ofShared();
        long address = arena.allocate(Math.max(size, 1), alignment).address();
        big.put(address, new Big(arena, size));
        return address;
    }

    private void freeBig(long address) {
        Big block = big.remove(address);
        if (block == null) {
            throw new IllegalArgumentException("floor: 0x" + Long.toHexString(address) + " is not its block");
        }
        block.arena().close();
    }

    /** The calling thread's heap, while open: the first thread's with one compare, the others' after a search. */
    private FloorHeap heap() {
        ensureOpen();
        Thread caller = Thread.currentThread();
        FloorHeap heap = first;
        return heap != null && heap.owner == caller ? heap : otherHeap(caller);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("floor: closed");
        }
    }

    /**
     * Not the first thread: its heap, or a heap of its own (one a dead thread left, else a new one). A thread finds
     * itself only in a heap it bound, so the plain reads of the search are enough.
     */
    private FloorHeap otherHeap(Thread caller) {
        for (FloorHeap heap : heaps) {
            if (heap != null && heap.owner == caller) {
                return heap;
            }
        }
        synchronized (this) {
            for (int i = 0; i < HEAPS; i++) {
                FloorHeap heap = heaps[i];
                if (heap == null) {
                    heap = new FloorHeap(caller, mappings, regions, regionIds);
                    heaps[i] = heap;
                    if (first == null) {
                        first = heap;
                    }
                    return heap;
                }
                if (!heap.owner.isAlive()) {
                    heap.owner = caller; // its thread ended: everything it wrote happened before isAlive said so
                    return heap;
                }
            }
        }
        throw new IllegalStateException("floor: serves at most " + HEAPS + " threads at once");
    }
}
