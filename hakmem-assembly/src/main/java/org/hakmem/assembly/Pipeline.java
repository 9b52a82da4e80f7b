package org.hakmem.assembly;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hakmem.api.Allocator;
import org.hakmem.api.AllocatorStats;
import org.hakmem.api.BoxStats;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.os.Rusage;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BigCache;
import org.hakmem.api.spi.BlockHeader;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.BoxProvider;
import org.hakmem.api.spi.Counters;
import org.hakmem.api.spi.ExternalGuard;
import org.hakmem.api.spi.FrontGate;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.MidPool;
import org.hakmem.api.spi.PlainFlag;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.Slot;
import org.hakmem.api.spi.TinyFront;
import org.hakmem.api.spi.TinyPool;

/**
 * The assembled allocator: validates arguments, routes by size, and routes every free through FrontGate.
 * Owns no memory policy of its own; the paths and Boxes do. Never dereferences a user address FrontGate has not
 * vouched for.
 */
final class Pipeline implements Allocator {

    /** {@link #closed}, read plainly by every call's check ({@link PlainFlag} says why; fixedSize 1.10x, README). */
    private static final VarHandle CLOSED = PlainFlag.of(MethodHandles.lookup(), "closed");

    /** Every block is at least this aligned: what malloc promises in this API. */
    static final long MALLOC_ALIGNMENT = 8;
    /** Blocks outside the tiny pool are at least this aligned (libc malloc's own guarantee, and room for the header). */
    static final long MIN_ALIGNMENT = 16;
    /** Sizes above this leave the malloc path for their own mapping when large mmap is on (the mid range ends here). */
    static final long LARGE_THRESHOLD = 32 * 1024;
    /** Larger requests are absurd on any machine hakmem runs on (64 TiB). */
    static final long MAX_SIZE = 1L << 46;

    /** A Box in its slot, with the counters it was given. */
    record Installed(Slot slot, BoxProvider<?> provider, Counters counters) {
    }

    private final OsLayer os;
    private final BlockTable blocks;
    private final FrontGate frontGate;
    private final ExternalGuard externalGuard;
    private final Batch batch;
    private final BigCache bigCache;
    private final TinyPool tinyPool;
    /** One more than the largest request the tiny pool serves, or 0 without one: tiny sizes are those below it. */
    private final long tinyLimit;
    private final MidPool midPool;
    private final long midMax;
    /** The largest request the mid pool's aligned classes serve here: none without the pool. */
    private final long midAlignedMax;
    private final MallocPath mallocPath;
    private final MappedPath mappedPath;
    private final boolean largeMmap;
    private final List<Installed> installed;
    private final Configuration configuration;
    private volatile boolean closed;

    Pipeline(Parts parts) {
        this.os = parts.os;
        this.blocks = parts.blocks;
        this.frontGate = parts.frontGate;
        this.externalGuard = parts.externalGuard;
        this.batch = parts.batch;
        this.bigCache = parts.bigCache;
        this.tinyPool = parts.tinyPool;
        this.tinyLimit = tinyPool == null ? 0 : tinyPool.maxSize() + 1;
        this.midPool = parts.midPool;
        this.midMax = midPool == null ? -1 : midPool.maxSize();
        this.midAlignedMax = Math.min(midMax, MidHeader.MAX_ALIGNED_SIZE);
        this.largeMmap = parts.largeMmap;
        this.mallocPath = new MallocPath(os, blocks);
        this.mappedPath = new MappedPath(os, blocks, batch, bigCache, parts.hugePageSize);
        this.installed = List.copyOf(parts.installed);
        this.configuration = parts.configuration;
    }

    /** What the assembly hands the constructor. */
    static final class Parts {
        OsLayer os;
        BlockTable blocks;
        FrontGate frontGate;
        ExternalGuard externalGuard;
        Batch batch;
        BigCache bigCache;
        TinyPool tinyPool;
        MidPool midPool;
        List<TinyFront> tinyFronts = new ArrayList<>();
        RegionTable regions;
        boolean largeMmap;
        long hugePageSize;
        List<Installed> installed = new ArrayList<>();
        Configuration configuration;
    }

    @Override
    public long malloc(long size) {
        // Tiny sizes first, with one unsigned compare (from 0, below tinyLimit); everything else takes allocate(). Kept
        // this small so that C2, which will not inline a method whose own compiled code passed InlineSmallCode (2500
        // bytes), still inlines this one and the tiny pool's fast path into the caller (README).
        if (Long.compareUnsigned(size, tinyLimit) < 0) {
            ensureOpen();
            try {
                return tinyPool.allocate(size);
            } catch (NativeOutOfMemoryError poolFull) {
                return afterPoolFull(size, MALLOC_ALIGNMENT, false, poolFull);
            }
        }
        return allocate(checkSize("malloc", size), MALLOC_ALIGNMENT, false);
    }

    @Override
    public long calloc(long count, long size) {
        if (count < 0 || size < 0) {
            throw new IllegalArgumentException("calloc(" + count + ", " + size + "): count and size must not be negative");
        }
        long total;
        try {
            total = Math.multiplyExact(count, size);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("calloc(" + count + ", " + size + "): count * size overflows 64 bits");
        }
        return allocate(checkSize("calloc", total), MALLOC_ALIGNMENT, true);
    }

    @Override
    public long alignedAlloc(long alignment, long size) {
        if (alignment <= 0 || Long.bitCount(alignment) != 1 || alignment > MAX_SIZE) {
            throw new IllegalArgumentException("alignedAlloc(" + alignment + ", " + size
                    + "): alignment must be a power of two from 1 to 2^46");
        }
        return allocate(checkSize("alignedAlloc", size), Math.max(alignment, MALLOC_ALIGNMENT), false);
    }

    private long allocate(long size, long alignment, boolean zero) {
        ensureOpen();
        try {
            if (size < tinyLimit && alignment <= MALLOC_ALIGNMENT) {
                return zeroed(tinyPool.allocate(size), size, zero);
            }
            if (size <= midMax && alignment <= MIN_ALIGNMENT) {
                return zeroed(midPool.allocate(size), size, zero);
            }
            if (size <= midAlignedMax && alignment <= MidHeader.MAX_ALIGNMENT) {
                // Never zeroed: only calloc zeroes, and it asks for malloc's alignment.
                return midPool.allocateAligned(size, alignment);
            }
        } catch (NativeOutOfMemoryError poolFull) {
            return afterPoolFull(size, alignment, zero, poolFull);
        }
        return unpooled(size, alignment, zero);
    }

    /**
     * A pool at its limit (HAKMEM_TINY_MAX_SUPERSLABS, HAKMEM_MID_MAX_SEGMENTS) is no reason to fail while the paths
     * below can still serve; if they cannot either, their error says why, with the pool's beside it.
     */
    private long afterPoolFull(long size, long alignment, boolean zero, NativeOutOfMemoryError poolFull) {
        try {
            return unpooled(size, alignment, zero);
        } catch (NativeOutOfMemoryError alsoFull) {
            alsoFull.addSuppressed(poolFull);
            throw alsoFull;
        }
    }

    private static long zeroed(long address, long size, boolean zero) {
        if (zero) {
            NativeMemory.fill(address, size, (byte) 0);
        }
        return address;
    }

    /** The paths below the pools: a mapping of its own for large or page-aligned blocks, else libc malloc. */
    private long unpooled(long size, long alignment, boolean zero) {
        long aligned = Math.max(alignment, MIN_ALIGNMENT);
        if (largeMmap && (size > LARGE_THRESHOLD || aligned > os.pageSize())) {
            return mappedPath.allocate(size, aligned, zero);
        }
        return mallocPath.allocate(size, aligned, zero);
    }

    @Override
    public void free(long address) {
        if (address == 0) {
            return;
        }
        ensureOpen();
        int pooled = frontGate.classify(address);
        // A tiny class (0 to 7) with one unsigned compare; the rest out of line, for malloc's reason (see there).
        if (Integer.compareUnsigned(pooled, FrontGate.MID) < 0) {
            tinyPool.free(address, pooled);
            return;
        }
        freeOther(address, pooled);
    }

    /** A mid block, a refusal from a pool, a registered block, or a foreign address. */
    private void freeOther(long address, int pooled) {
        if (pooled >= FrontGate.MID) {
            midPool.free(address, pooled & 0xFF);
            return;
        }
        if (pooled != FrontGate.NOT_POOLED) {
            throw refusal(address, pooled, "free");
        }
        BlockTable.Block block = frontGate.claim(address);
        if (block == null) {
            externalGuard.free(address);
        } else if (block.method() == BlockHeader.METHOD_MMAP) {
            mappedPath.release(block);
        } else {
            mallocPath.free(block);
        }
    }

    /** Why a pool region's address is no live block: the pool that owns the region says it. */
    private RuntimeException refusal(long address, int pooled, String operation) {
        return pooled == FrontGate.NOT_LIVE_MID ? midPool.refuse(address, operation)
                : tinyPool.refuse(address, operation);
    }

    @Override
    public long realloc(long address, long newSize) {
        if (address == 0) {
            return malloc(newSize);
        }
        checkSize("realloc", newSize);
        long usable = usableSize(address, "realloc");
        // Stay in place while the block fits and would not waste more than half of itself.
        if (newSize <= usable && newSize >= usable / 2) {
            return address;
        }
        long moved = malloc(newSize);
        NativeMemory.copy(address, moved, Math.min(usable, newSize));
        free(address);
        return moved;
    }

    @Override
    public long usableSize(long address) {
        return usableSize(address, "usableSize");
    }

    private long usableSize(long address, String operation) {
        ensureOpen();
        int pooled = frontGate.classify(address);
        if (pooled >= FrontGate.MID) {
            return MidHeader.usableSize(pooled & 0xFF);
        }
        if (pooled != FrontGate.NOT_POOLED) {
            long usable = pooled >= 0 ? tinyPool.usableSize(address) : -1;
            if (usable < 0) {
                throw refusal(address, pooled, operation);
            }
            return usable;
        }
        BlockTable.Block block = frontGate.inspect(address);
        if (block == null) {
            throw externalGuard.refuse(address, operation);
        }
        return block.size();
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (byteSize < 0 || byteAlignment <= 0 || Long.bitCount(byteAlignment) != 1) {
            throw new IllegalArgumentException("allocate(" + byteSize + ", " + byteAlignment
                    + "): size must not be negative and alignment must be a power of two");
        }
        return NativeMemory.segment(alignedAlloc(byteAlignment, byteSize), byteSize);
    }

    @Override
    public void free(MemorySegment segment) {
        free(Objects.requireNonNull(segment, "segment").address());
    }

    @Override
    public AllocatorStats stats() {
        List<BoxStats> boxes = new ArrayList<>();
        Map<String, Long> paths = new LinkedHashMap<>();
        paths.put("malloc_allocs", blocks.inserts(BlockHeader.METHOD_MALLOC));
        paths.put("malloc_frees", blocks.removes(BlockHeader.METHOD_MALLOC));
        paths.put("mapped_allocs", blocks.inserts(BlockHeader.METHOD_MMAP));
        paths.put("mapped_frees", blocks.removes(BlockHeader.METHOD_MMAP));
        boxes.add(new BoxStats("pipeline", "core", paths));
        long munmapCalls = 0;
        long bytesUnmapped = 0;
        for (Installed box : installed) {
            BoxStats stats = new BoxStats(box.slot().id(), box.provider().name(), box.counters().snapshot());
            boxes.add(stats);
            if (box.slot() == Slot.BATCH) {
                munmapCalls = stats.get("munmap_calls");
                bytesUnmapped = stats.get("bytes_released");
            }
        }
        Rusage usage = os.rusage();
        long pooledLive = (tinyPool == null ? 0 : tinyPool.bytesLive()) + (midPool == null ? 0 : midPool.bytesLive());
        return new AllocatorStats(boxes, blocks.liveBytes() + pooledLive, os.stats().bytesMappedTotal() - bytesUnmapped,
                os.stats().mmapCalls(), munmapCalls, os.stats().madviseCalls(), os.rssBytes(),
                usage.minorFaults(), usage.majorFaults());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<BlockTable.Block> live = new ArrayList<>();
        blocks.forEachLive(live::add);
        for (BlockTable.Block block : live) {
            blocks.remove(block.address());
            if (block.method() == BlockHeader.METHOD_MMAP) {
                batch.release(block.base(), MappedPath.mappingLength(block));
            } else {
                os.free(block.base());
            }
        }
        if (tinyPool != null) {
            tinyPool.close();
        }
        if (midPool != null) {
            midPool.close();
        }
        if (bigCache != null) {
            bigCache.close();
        }
        batch.close();
    }

    /**
     * Which part serves the live block at {@code address}: the slot id of its pool ({@code tinypool},
     * {@code midpool}), or the path of a registered block ({@code malloc}, {@code mapped}); null if none does.
     */
    String ownerOf(long address) {
        int pooled = frontGate.classify(address);
        if (pooled >= FrontGate.MID) {
            return Slot.MID_POOL.id();
        }
        if (pooled >= 0) {
            return Slot.TINY_POOL.id();
        }
        BlockTable.Block block = pooled == FrontGate.NOT_POOLED ? frontGate.inspect(address) : null;
        if (block == null) {
            return null;
        }
        return block.method() == BlockHeader.METHOD_MMAP ? "mapped" : "malloc";
    }

    /** The largest request the mid pool serves, or -1 without one. */
    long midMax() {
        return midMax;
    }

    /** The pieces {@code hakmem describe} shows. */
    List<Installed> installed() {
        return installed;
    }

    Configuration configuration() {
        return configuration;
    }

    private void ensureOpen() {
        if ((boolean) CLOSED.get(this)) {
            throw new IllegalStateException("this hakmem allocator is closed");
        }
    }

    private static long checkSize(String operation, long size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException(operation + "(" + size + "): size must be from 0 to 2^46 bytes");
        }
        return size;
    }

    static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
