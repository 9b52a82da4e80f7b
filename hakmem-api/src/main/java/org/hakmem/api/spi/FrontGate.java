package org.hakmem.api.spi;

/**
 * The FrontGate slot: classifies an address on free in a few steps. It must never dereference an address before
 * knowing that hakmem mapped or allocated it: a read of unmapped memory kills the JVM.
 */
public interface FrontGate {

    /**
     * Where a block at {@code address} goes on free. {@link Route#EXTERNAL} means "not a live hakmem block".
     *
     * @throws org.hakmem.api.InvalidAddressException when the block is hakmem's but its header was overwritten
     */
    Route classify(long address);
}
