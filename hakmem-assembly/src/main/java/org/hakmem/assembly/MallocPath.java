package org.hakmem.assembly;

import org.hakmem.api.NativeOutOfMemoryError;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.BlockHeader;
import org.hakmem.api.spi.BlockTable;

/**
 * The MINIMAL path: libc malloc behind a validated hakmem header, registered in the block table.
 * Serves every size no Box owns yet. Never frees a block FrontGate has not claimed.
 */
final class MallocPath {

    private final OsLayer os;
    private final BlockTable blocks;
    MallocPath(OsLayer os, BlockTable blocks) {
        this.os = os;
        this.blocks = blocks;
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
        return user;
    }

    /** Frees a block FrontGate has claimed (it is no longer in the table). */
    void free(BlockTable.Block block) {
        os.free(block.base());
    }
}
