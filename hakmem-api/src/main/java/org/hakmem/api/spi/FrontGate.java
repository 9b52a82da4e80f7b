package org.hakmem.api.spi;

/**
 * The FrontGate slot: decides, for every address a user hands back, whether it is a live hakmem block.
 * It must never dereference an address before {@link BlockTable} vouches for it: a read of unmapped memory kills
 * the JVM. An address it does not know goes to {@link ExternalGuard}.
 */
public interface FrontGate {

    /** {@link #tinyClass}: the address lies in no SuperSlab. */
    int NOT_TINY = -1;
    /** {@link #tinyClass}: the address lies in a SuperSlab, but no live block starts there. */
    int NOT_LIVE = -2;

    /**
     * For free, first: the class of the live tiny block starting at {@code address}; {@link #NOT_TINY} when no
     * SuperSlab covers the address (then {@link #claim} decides); {@link #NOT_LIVE} when one does but no live block
     * starts there (the tiny pool then says why). Reads the block's {@link TinyHeader} only after
     * {@link RegionTable} vouches for the region, and only within it.
     */
    int tinyClass(long address);

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
