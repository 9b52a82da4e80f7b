package org.hakmem.assembly;

import org.hakmem.api.os.Advice;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.AlignedMapping;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BigCache;
import org.hakmem.api.spi.BlockHeader;
import org.hakmem.api.spi.BlockTable;

/**
 * Large blocks, each in its own mapping: BigCache first, else a fresh mmap. On free the mapping goes back by the
 * release path rule: BigCache (1 MiB and more), else Batch. Never unmaps: it cannot even see munmap.
 */
final class MappedPath {

    private static final long CACHE_LINE = 64;
    /** Offsets a large block may start at: 64 lines, a whole 4 KiB page of them. */
    private static final long COLOURS = 64;

    private final OsLayer os;
    private final BlockTable blocks;
    private final Batch batch;
    private final BigCache bigCache;
    private final long pageSize;
    /** Mappings this long or longer are huge-page aligned and advised; 0 switches that off. */
    private final long hugePageSize;

    /** {@code bigCache} is null when the BigCache slot is switched off; {@code hugePageSize} 0 means no THP. */
    MappedPath(OsLayer os, BlockTable blocks, Batch batch, BigCache bigCache, long hugePageSize) {
        this.os = os;
        this.blocks = blocks;
        this.batch = batch;
        this.bigCache = bigCache;
        this.pageSize = os.pageSize();
        this.hugePageSize = hugePageSize;
    }

    /** {@code alignment} is a power of two of at least 16. */
    long allocate(long size, long alignment, boolean zero) {
        // The header sits in the alignment gap before the user address, which is at most `alignment` past the base;
        // at least one byte more keeps even a 0-byte block's address inside its own mapping.
        long length = Pipeline.alignUp(Math.max(size, 1) + alignment, pageSize);
        long base = 0;
        if (bigCache != null && length >= bigCache.minLength()) {
            length = bigCache.classLength(length);
            base = bigCache.take(length);
        }
        boolean fresh = base == 0;
        if (fresh) {
            base = map(length);
        }
        long user = Pipeline.alignUp(base + BlockHeader.SIZE, alignment);
        user += colour(base, base + length - user - Math.max(size, 1), alignment);
        long usable = base + length - user;
        if (zero && !fresh) {
            NativeMemory.fill(user, size, (byte) 0);
        }
        BlockHeader.write(user, BlockHeader.METHOD_MMAP, usable);
        blocks.insert(user, base, usable, BlockHeader.METHOD_MMAP);
        return user;
    }

    /**
     * Where in its mapping's slack (the page rounding left over) a block starts, in steps of a cache line: mappings
     * start on page boundaries, so without it every large block would start at the same offset in its pages, and a
     * program writing its blocks page by page would send all of them to the same few cache sets. The offset comes
     * from the mapping's address, so it needs no shared state; {@code slack} is never exceeded.
     */
    static long colour(long base, long slack, long alignment) {
        long step = Math.max(CACHE_LINE, alignment);
        long colours = Math.clamp(slack / step + 1, 1, COLOURS);
        return ((base >>> 12) ^ (base >>> 21)) % colours * step;
    }

    /**
     * A fresh mapping. One of a huge page or more starts on a huge-page boundary and is advised MADV_HUGEPAGE, so
     * that first touching it takes one page fault per 2 MiB instead of 512 (allocating, touching and freeing 100
     * fresh 2 MiB blocks measured 150 us a block with it and 1350 us without, here): map a huge page more, hand the
     * unaligned head and tail to Batch (only Batch may unmap them), keep the aligned middle.
     */
    private long map(long length) {
        if (hugePageSize == 0 || length < hugePageSize) {
            return os.mmap(length);
        }
        long aligned = AlignedMapping.map(os, batch, length, hugePageSize);
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
    }

    static long mappingLength(BlockTable.Block block) {
        return block.address() - block.base() + block.size();
    }
}
