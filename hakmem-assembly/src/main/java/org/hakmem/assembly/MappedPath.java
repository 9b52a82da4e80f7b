package org.hakmem.assembly;

import java.util.concurrent.atomic.LongAdder;
import org.hakmem.api.os.Advice;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BigCache;
import org.hakmem.api.spi.BlockHeader;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.Counters;

/**
 * Large blocks, each in its own mapping: BigCache first, else a fresh mmap. On free the mapping goes back by the
 * release path rule: BigCache (1 MiB and more), else Batch. Never unmaps: it cannot even see munmap.
 */
final class MappedPath {

    private static final long CACHE_LINE = 64;

    private final OsLayer os;
    private final BlockTable blocks;
    private final Batch batch;
    private final BigCache bigCache;
    private final long pageSize;
    /** Mappings this long or longer are huge-page aligned and advised; 0 switches that off. */
    private final long hugePageSize;
    private final LongAdder allocs;
    private final LongAdder frees;

    /** {@code bigCache} is null when the BigCache slot is switched off; {@code hugePageSize} 0 means no THP. */
    MappedPath(OsLayer os, BlockTable blocks, Batch batch, BigCache bigCache, long hugePageSize, Counters counters) {
        this.os = os;
        this.blocks = blocks;
        this.batch = batch;
        this.bigCache = bigCache;
        this.pageSize = os.pageSize();
        this.hugePageSize = hugePageSize;
        this.allocs = counters.counter("mapped_allocs");
        this.frees = counters.counter("mapped_frees");
    }

    /** {@code alignment} is a power of two of at least 16. */
    long allocate(long size, long alignment, boolean zero) {
        // The header sits in the alignment gap before the user address, which is at most `alignment` past the base;
        // below a page of alignment, one page more leaves room for the colour offset.
        long colourStep = Math.max(alignment, CACHE_LINE);
        long colours = alignment < pageSize ? pageSize / colourStep : 1;
        long length = Pipeline.alignUp(size + alignment + (colours > 1 ? pageSize : 0), pageSize);
        long base = 0;
        if (bigCache != null && length >= bigCache.minLength()) {
            length = bigCache.classLength(length);
            base = bigCache.take(length);
        }
        boolean fresh = base == 0;
        if (fresh) {
            base = map(length);
        }
        long user = Pipeline.alignUp(base + BlockHeader.SIZE, alignment) + colour(base, colours) * colourStep;
        long usable = base + length - user;
        if (zero && !fresh) {
            NativeMemory.fill(user, size, (byte) 0);
        }
        BlockHeader.write(user, BlockHeader.METHOD_MMAP, usable);
        blocks.insert(user, base, usable, BlockHeader.METHOD_MMAP);
        allocs.increment();
        return user;
    }

    /**
     * Cache colouring: each mapping starts its block at its own cache-line offset within the first page, so that
     * blocks walked at the same page stride do not all compete for the same cache sets (page-aligned blocks would).
     * The colour depends on the mapping alone, so a block reused from BigCache finds its lines where they were.
     */
    private static long colour(long base, long colours) {
        return ((base >>> 12) * 0x9E37_79B9_7F4A_7C15L >>> 32) & (colours - 1);
    }

    /**
     * A fresh mapping. One of a huge page or more starts on a huge-page boundary and is advised MADV_HUGEPAGE, so
     * that touching it costs one TLB entry per 2 MiB instead of 512: map a huge page more, hand the unaligned head
     * and tail to Batch (only Batch may unmap them), keep the aligned middle.
     */
    private long map(long length) {
        if (hugePageSize == 0 || length < hugePageSize) {
            return os.mmap(length);
        }
        long raw = os.mmap(length + hugePageSize);
        long aligned = Pipeline.alignUp(raw, hugePageSize);
        long head = aligned - raw;
        long tail = hugePageSize - head;
        if (head > 0) {
            batch.releaseUnused(raw, head);
        }
        if (tail > 0) {
            batch.releaseUnused(aligned + length, tail);
        }
        os.madvise(aligned, length, Advice.HUGEPAGE);
        return aligned;
    }

    /** Returns a claimed block's mapping: BigCache keeps it warm, or Batch takes it. */
    void release(BlockTable.Block block) {
        long length = mappingLength(block);
        if (bigCache != null && length >= bigCache.minLength()) {
            bigCache.put(block.base(), length);
        } else {
            batch.release(block.base(), length);
        }
        frees.increment();
    }

    static long mappingLength(BlockTable.Block block) {
        return block.address() - block.base() + block.size();
    }
}
