package org.hakmem.bench.allocators;

/**
 * A peer whose blocks are objects with no bare address to free by (an Arena, a Netty ByteBuf): each is kept in its
 * block's slot, an O(1) array store, and released from there. Owns that array; never touches the memory.
 *
 * @param <T> what the peer hands out per block
 */
abstract class SlotPeer<T> extends Peer {

    private final Object[] held;

    SlotPeer(String name, int slots) {
        super(name);
        held = new Object[slots];
    }

    /** Releases one block's object: what free does, and what close does with any left. */
    abstract void release(T block);

    final void keep(int slot, T block) {
        held[slot] = block;
    }

    /** The object kept for {@code slot}. */
    @SuppressWarnings("unchecked")
    final T held(int slot) {
        return (T) held[slot];
    }

    @Override
    public final void free(int slot, long address) {
        @SuppressWarnings("unchecked")
        T block = (T) held[slot];
        held[slot] = null;
        release(block);
    }

    @Override
    public final void close() {
        for (int slot = 0; slot < held.length; slot++) {
            if (held[slot] != null) {
                free(slot, 0);
            }
        }
    }
}
