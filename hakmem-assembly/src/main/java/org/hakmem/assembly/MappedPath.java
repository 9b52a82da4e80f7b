package org.hakmem.assembly;

import java.util.concurrent.atomic.LongAdder;
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

    private final OsLayer os;
    private final BlockTable blocks;
    private final Batch batch;
    private final BigCache bigCache;
    private final long pageSize;
    private final LongAdder allocs;
    private final LongAdder frees;

    /** {@code bigCache} is null when the BigCache slot is switched off. */
    MappedPath(OsLayer os, BlockTable blocks, Batch batch, BigCache bigCache, Counters counters) {
        this.os = os;
        this.blocks = blocks;
        this.batch = batch;
        this.bigCache = bigCache;
        this.pageSize = os.pageSize();
        this.allocs = counters.counter("mapped_allocs");
        this.frees = counters.counter("mapped_frees");
    }

    /** {@code alignment} is a power of two of at least 16. */
    long allocate(long size, long alignment, boolean zero) {
        // The header sits in the alignment gap before the user address, which is at most `alignment` past the base.
        long length = Pipeline.alignUp(size + alignment, pageSize);
        long base = 0;
        if (bigCache != null && length >= bigCache.minLength()) {
            length = bigCache.classLength(length);
            base = bigCache.take(length);
        }
        boolean fresh = base == 0;
        if (fresh) {
            base = os.mmap(length);
        }
        long user = Pipeline.alignUp(base + BlockHeader.SIZE, alignment);
        long usable = base + length - user;
        if (zero && !fresh) {
            NativeMemory.fill(user, size, (byte) 0);
        }
        BlockHeader.write(user, BlockHeader.METHOD_MMAP, usable);
        blocks.insert(user, base, usable, BlockHeader.METHOD_MMAP);
        allocs.increment();
        return user;
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
