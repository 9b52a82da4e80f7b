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
    /** Where both pools keep a block's tag: this many bytes in front of it (see {@link #classify}). */
    private static final long TAG_BEFORE = TinyHeader.SIZE;

    static {
        if (MidHeader.TAG_OFFSET != -TAG_BEFORE) {
            throw new ExceptionInInitializerError(
                    "the mid tag moved: classify asks the region table about the tiny tag's place");
        }
    }

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

    /**
     * The table is asked about the tag's address, the 8 bytes in front of the block (tiny and mid tags both lie
     * there), since that is what gets read: so no tag is read outside a region hakmem mapped, and no address needs a
     * check of its own place in the region. The block's own address may lie one region further: a C0 block (what
     * malloc(0) gets, a header and nothing else) at the end of a SuperSlab hands out the address just past it.
     */
    @Override
    public int classify(long address) {
        int id = regions.lookup(address - TAG_BEFORE);
        if (id < 0) {
            return inRegionsFirstBytes(address);
        }
        return id >= RegionTable.MID_IDS ? midClass(address) : tinyClass(address);
    }

    /**
     * Where no region holds the tag: an address in the first 8 bytes of a region hakmem mapped (inside the header of
     * its first block) is no block either, but the pool names the block it points into; else not pooled at all.
     */
    private int inRegionsFirstBytes(long address) {
        int id = regions.lookup(address);
        if (id < 0) {
            return NOT_POOLED;
        }
        unknown.increment();
        return id >= RegionTable.MID_IDS ? NOT_LIVE_MID : NOT_LIVE_TINY;
    }

    private int tinyClass(long address) {
        // The whole region is mapped, so an unaligned read there is harmless; the block-start check refuses the
        // address.
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
        if ((address & MID_ALIGNMENT_MASK) != 0) {
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
