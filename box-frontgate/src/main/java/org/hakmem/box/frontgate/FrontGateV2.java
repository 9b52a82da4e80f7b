package org.hakmem.box.frontgate;

import java.util.concurrent.atomic.LongAdder;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.BlockHeader;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.FrontGate;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.TinyHeader;

/**
 * Owns the decision "is this a live hakmem block?" on free. Reads a header only for a block it has just taken out of
 * the registry, so neither a foreign address nor a racing second free can make it touch memory hakmem does not own.
 * Never frees anything itself.
 */
final class FrontGateV2 implements FrontGate {

    /** hakmem hands out 8-byte aligned addresses only; anything else is foreign without a lookup. */
    private static final long ALIGNMENT_MASK = 7;
    /** Mid blocks are 16-byte aligned. */
    private static final long MID_ALIGNMENT_MASK = 15;

    private final BlockTable blocks;
    private final RegionTable regions;
    private final LongAdder unknown;
    private final LongAdder corrupt;

    FrontGateV2(BoxContext context) {
        this.blocks = context.blocks();
        this.regions = context.regions();
        this.unknown = context.counters().counter("unknown");
        this.corrupt = context.counters().counter("corrupt_headers");
    }

    @Override
    public int classify(long address) {
        int id = regions.lookup(address);
        if (id < 0) {
            return NOT_POOLED;
        }
        return id >= RegionTable.MID_IDS ? midClass(address) : tinyClass(address);
    }

    private int tinyClass(long address) {
        // Same-region guard: read a header only if it lies in the region the table vouched for (the whole region is
        // mapped, so an unaligned read there is harmless; the block-start check below refuses the address).
        if ((address & (RegionTable.REGION_SIZE - 1)) < TinyHeader.SIZE) {
            unknown.increment();
            return NOT_LIVE_TINY;
        }
        // A plain read: two racing frees of one block are the pool's to settle (its claim), not this read's.
        int sizeClass = TinyHeader.liveClass(NativeMemory.getLong(address - TinyHeader.SIZE));
        // A live tag must also sit where a block of its class can start (which takes 8-byte alignment): an interior
        // pointer of a larger block cannot pass for a block by pointing just behind a stale or look-alike header.
        if (sizeClass < 0 || !TinyHeader.isBlockStart(address, sizeClass)) {
            unknown.increment();
            return NOT_LIVE_TINY;
        }
        return sizeClass;
    }

    /** A mid header carries a check of its own address, so a stale or copied one does not pass elsewhere. */
    private int midClass(long address) {
        if ((address & MID_ALIGNMENT_MASK) != 0 || (address & (RegionTable.REGION_SIZE - 1)) < -MidHeader.TAG_OFFSET) {
            unknown.increment();
            return NOT_LIVE_MID;
        }
        int sizeClass = MidHeader.liveClass(address, NativeMemory.getLong(address + MidHeader.TAG_OFFSET));
        if (sizeClass < 0) {
            unknown.increment();
            return NOT_LIVE_MID;
        }
        return MID | sizeClass;
    }

    @Override
    public BlockTable.Block claim(long address) {
        BlockTable.Block block = (address & ALIGNMENT_MASK) == 0 ? blocks.remove(address) : null;
        if (block == null) {
            unknown.increment();
            return null;
        }
        if (!BlockHeader.isIntact(address, block.method(), block.size())) {
            // Put it back: a corrupt block is reported, never freed, and the registry stays as it was.
            blocks.insert(block.address(), block.base(), block.size(), block.method());
            corrupt.increment();
            throw new InvalidAddressException(address, InvalidAddressException.Reason.CORRUPT_HEADER,
                    "free(0x" + Long.toHexString(address) + "): the 16-byte hakmem header in front of this block was"
                            + " overwritten (a write before the block's start?); the block was not freed");
        }
        return block;
    }

    @Override
    public BlockTable.Block inspect(long address) {
        return (address & ALIGNMENT_MASK) == 0 ? blocks.lookup(address) : null;
    }
}
