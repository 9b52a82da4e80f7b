package org.hakmem.bench.allocators;

import java.lang.foreign.Arena;
import java.util.HashMap;
import java.util.Map;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.RegionTable;

/**
 * Yardstick "floor": what a free + malloc costs a Java allocator that does only the checks hakmem's fast path has to
 * do (the region the address lies in, a live header tag, a block start) and nothing else. One stack of addresses per
 * class, all in one {@code long[]}; blocks carved from 2 MiB regions that a {@link RegionTable} vouches for. Up to
 * 1016 B the classes are hakmem's tiny ones (powers of two, an 8-byte header, a block start known by alignment); above,
 * up to 1 MiB, they are hakmem's mid classes with its mid header ({@link MidHeader}: four classes per power of two, a
 * tag that carries a check of its own address, so blocks lie one after the other, not on their size's alignment); so
 * it lays blocks out as hakmem does, and only hakmem's layers are missing. Larger or over-aligned blocks get an
 * {@link Arena} each. No thread caches, no central lists, no budgets: it never gives memory back before
 * {@link #close}, and it serves one thread only. Not an allocator to use, and never a peer: the README reads the
 * issues' targets against it. Owns its regions and stacks; never reads or writes a byte of a block but its header.
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
    /** Free blocks one class may hold: more is an error, never a silent leak (no scenario comes near it). */
    static final int STACK = 8192;

    private static final long REGION = RegionTable.REGION_SIZE;
    private static final long LIVE = 0x464C4F4F_0000A000L; // "FLOO", then 0xa0 and the class
    private static final long FREE = 0x464C4F4F_0000F000L;
    private static final long EMPTY = 0;
    private static final long FULL = -1;

    /** Class c's top is entry c; its stack lies from {@code base(c)}, between an EMPTY and a FULL mark. */
    private final long[] stacks = new long[CLASSES + CLASSES * (STACK + 2)];
    private final RegionTable regions = new RegionTable(1 << 12);
    private final Arena mappings = Arena.ofShared();
    private final Map<Long, Big> big = new HashMap<>();
    private Thread owner;
    private long bump;
    private long regionEnd;
    private int regionCount;
    private boolean closed;

    private record Big(Arena arena, long size) {
    }

    FloorYardstick() {
        super("floor");
        for (int c = 0; c < CLASSES; c++) {
            stacks[c] = base(c);
            stacks[base(c) + STACK] = FULL;
        }
    }

    private static int base(int sizeClass) {
        return CLASSES + sizeClass * (STACK + 2) + 1;
    }

    /** The tiny class of a request of at most {@link #TINY_MAX} bytes. */
    static int classOf(long size) {
        return Math.max(0, 60 - Long.numberOfLeadingZeros(size + HEADER - 1));
    }

    @Override
    public long malloc(int slot, long size) {
        check();
        if (size < 0 || size > TINY_MAX) {
            return mallocAbove(size);
        }
        int sizeClass = classOf(size);
        long address = pop(sizeClass);
        NativeMemory.putLong(address - HEADER, LIVE | sizeClass);
        return address;
    }

    /** Beyond the tiny range, out of line so that the tiny path stays what it was: a mid class, or an Arena. */
    private long mallocAbove(long size) {
        if (size < 0 || size > MAX_POOLED) {
            return allocateBig(size, HEADER);
        }
        int mid = MidHeader.classOf(size);
        long address = pop(TINY_CLASSES + mid);
        MidHeader.markLive(address, mid);
        return address;
    }

    @Override
    public void free(int slot, long address) {
        check();
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
            freeMid(address, header);
            return;
        }
        NativeMemory.putLong(address - HEADER, FREE | sizeClass);
        push(sizeClass, address);
    }

    /** Not a live tiny block: a live mid block, else a refusal. */
    private void freeMid(long address, long header) {
        int mid = midClass(address, header);
        MidHeader.markFree(address, mid);
        push(TINY_CLASSES + mid, address);
    }

    /** The newest free block of the class, or a new one carved for it. */
    private long pop(int sizeClass) {
        long[] stacks = this.stacks;
        int top = (int) stacks[sizeClass];
        long address = stacks[top - 1];
        if (address == EMPTY) {
            return carve(sizeClass);
        }
        stacks[sizeClass] = top - 1;
        return address;
    }

    private void push(int sizeClass, long address) {
        long[] stacks = this.stacks;
        int top = (int) stacks[sizeClass];
        if (stacks[top] == FULL) {
            throw new IllegalStateException("floor: more than " + STACK + " free blocks of class " + sizeClass);
        }
        stacks[top] = address;
        stacks[sizeClass] = top + 1;
    }

    @Override
    public long realloc(int slot, long address, long newSize) {
        check();
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
    public void close() {
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

    /**
     * A never-used block of the class: the next one of the current region, or the first of a new region. A tiny block
     * starts on a multiple of its size; a mid block right after the block before it, on 16 bytes.
     */
    private long carve(int sizeClass) {
        boolean tiny = sizeClass < TINY_CLASSES;
        long block = tiny ? 16L << sizeClass : MidHeader.blockSize(sizeClass - TINY_CLASSES);
        long alignment = tiny ? block : MidHeader.SIZE;
        long start = (bump + alignment - 1) & -alignment;
        if (start + block > regionEnd) {
            start = mappings.allocate(REGION, REGION).address();
            regions.register(start, regionCount++);
            regionEnd = start + REGION;
        }
        bump = start + block;
        return start + (tiny ? HEADER : MidHeader.SIZE);
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

    /** The yardstick serves the thread that first called it, and only while open. */
    private void check() {
        Thread caller = Thread.currentThread();
        if (caller != owner) {
            if (owner != null) {
                throw new IllegalStateException("floor: serves one thread only, and that is " + owner.getName());
            }
            owner = caller;
        }
        if (closed) {
            throw new IllegalStateException("floor: closed");
        }
    }
}
