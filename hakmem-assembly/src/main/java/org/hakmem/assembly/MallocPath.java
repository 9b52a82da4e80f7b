package org.hakmem.assembly;

import java.util.concurrent.atomic.LongAdder;
import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.BlockHeader;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.Counters;

/**
 * The MINIMAL path: libc malloc behind a validated hakmem header, registered in the block table.
 * Serves every size no Box owns yet. Never frees a block FrontGate has not claimed.
 */
final class MallocPath {

    private final OsLayer os;
    private final BlockTable blocks;
    private final LongAdder allocs;
    private final LongAdder frees;

    MallocPath(OsLayer os, BlockTable blocks, Counters counters) {
        this.os = os;
        this.blocks = blocks;
        this.allocs = counters.counter("malloc_allocs");
        this.frees = counters.counter("malloc_frees");
    }

    /** {@code alignment} is a power of two of at least 16, which libc malloc guarantees for its own blocks. */
    long allocate(long size, long alignment, boolean zero) {
        long total = BlockHeader.SIZE + (alignment - Pipeline.MIN_ALIGNMENT) + size;
        long base = zero ? os.calloc(1, total) : os.malloc(total);
        if (base == 0) {
            throw new NativeOutOfMemoryError("libc malloc refused " + total + " bytes (for a block of " + size + ")");
        }
        long user = Pipeline.alignUp(base + BlockHeader.SIZE, alignment);
        long usable = base + total - user;
        BlockHeader.write(user, BlockHeader.METHOD_MALLOC, usable);
        blocks.insert(user, base, usable, BlockHeader.METHOD_MALLOC);
        allocs.increment();
        return user;
    }

    /** Frees a block FrontGate has claimed (it is no longer in the table). */
    void free(BlockTable.Block block) {
        os.free(block.base());
        frees.increment();
    }
}
