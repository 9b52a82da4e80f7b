package org.hakmem.api.spi;

/**
 * The FrontGate slot: decides, for every address a user hands back, whether it is a live hakmem block.
 * It must never dereference an address before {@link BlockTable} vouches for it: a read of unmapped memory kills
 * the JVM. An address it does not know goes to {@link ExternalGuard}.
 */
public interface FrontGate {

    /** {@link #classify}: the address lies in no pool region (neither a SuperSlab nor a mid segment). */
    int NOT_POOLED = -1;
    /** {@link #classify}: the address lies in a SuperSlab, but no live tiny block starts there. */
    int NOT_LIVE_TINY = -2;
    /** {@link #classify}: the address lies in a mid segment, but no live mid block starts there. */
    int NOT_LIVE_MID = -3;
    /** {@link #classify}: set for a live mid block, whose class is in the low byte; clear for a tiny class. */
    int MID = 0x100;

    /**
     * For free, first: the class of the live pooled block starting at {@code address}, a tiny class (0-7) or
     * {@link #MID} | a mid class; {@link #NOT_POOLED} when no pool region covers the address (then {@link #claim}
     * decides); {@link #NOT_LIVE_TINY} or {@link #NOT_LIVE_MID} when one does but no live block starts there (that
     * pool then says why). Reads the block's {@link TinyHeader} or {@link MidHeader} only after {@link RegionTable}
     * vouches for the region, and only within it.
     */
    int classify(long address);

    /**
     * For free: takes the live block starting at {@code address} out of the registry and validates its header.
     * Only one of several threads freeing the same address can win. Returns {@code null} when the address is not
     * the start of a live hakmem block.
     *
     * @throws org.hakmem.api.InvalidAddressException with reason CORRUPT_HEADER when the header was overwritten;
     *                                                the block then stays registered and nothing is freed
     */
    BlockTable.Block claim(long address);

    /**
     * For realloc and usableSize: the live block starting at {@code address}, or {@code null}. Reads no memory.
     */
    BlockTable.Block inspect(long address);
}
