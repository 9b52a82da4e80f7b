package org.hakmem.bench.allocators;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Peers "netty-pooled" and "netty-adaptive": direct buffers from Netty's {@code PooledByteBufAllocator} and
 * {@code AdaptiveByteBufAllocator}, allocated and released. A ByteBuf has no bare address to free by, so it is
 * kept in its block's slot; the scenario writes through {@code memoryAddress()} like everyone else.
 * Both get their thread caches on the benchmark thread (which is no event loop), as a Netty server's I/O threads
 * would. Buffers are made with Netty's default maximum capacity ({@code directBuffer(capacity)}), so realloc is what
 * a Netty user writes to grow a buffer: {@code capacity(newSize)}, which grows in place while the pool's slot has
 * room and otherwise moves the contents to a new buffer. Netty has no aligned allocation, so it is emulated: a buffer
 * {@code alignment - 1} bytes larger, whose first aligned address is handed out (the buffer stays in its slot anyway).
 * Owns the buffers; never touches the memory.
 */
final class NettyPeer extends SlotPeer<ByteBuf> {

    private final ByteBufAllocator allocator;

    private NettyPeer(String name, ByteBufAllocator allocator, int slots) {
        super(name, slots);
        this.allocator = allocator;
        requireAddresses();
    }

    static NettyPeer pooled(int slots) {
        return new NettyPeer("netty-pooled", new PooledByteBufAllocator(true,
                PooledByteBufAllocator.defaultNumHeapArena(), PooledByteBufAllocator.defaultNumDirectArena(),
                PooledByteBufAllocator.defaultPageSize(), PooledByteBufAllocator.defaultMaxOrder(),
                PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(),
                true), slots);
    }

    static NettyPeer adaptive(int slots) {
        return new NettyPeer("netty-adaptive", new AdaptiveByteBufAllocator(true, true), slots);
    }

    /** Netty hands out addresses only when it may use Unsafe; without them it cannot be measured like the rest. */
    private void requireAddresses() {
        ByteBuf probe = allocator.directBuffer(64, 64);
        try {
            if (!probe.hasMemoryAddress()) {
                throw new PeerUnavailableException(name() + ": Netty exposes no address for direct buffers on this"
                        + " JVM (it needs --sun-misc-unsafe-memory-access=allow)");
            }
        } finally {
            probe.release();
        }
    }

    @Override
    public long malloc(int slot, long size) {
        ByteBuf buffer = allocator.directBuffer(Math.toIntExact(size));
        keep(slot, buffer);
        return buffer.memoryAddress();
    }

    @Override
    public long realloc(int slot, long address, long newSize) {
        ByteBuf buffer = held(slot);
        buffer.capacity(Math.toIntExact(newSize));
        return buffer.memoryAddress();
    }

    /** Emulated: a buffer {@code alignment - 1} bytes larger, and the first aligned address inside it. */
    @Override
    public long alignedAlloc(int slot, long alignment, long size) {
        ByteBuf buffer = allocator.directBuffer(Math.toIntExact(size + alignment - 1));
        keep(slot, buffer);
        return (buffer.memoryAddress() + alignment - 1) & -alignment;
    }

    /** The pools keep their chunks until the JVM exits, as they do in any Netty program. */
    @Override
    void release(ByteBuf buffer) {
        buffer.release();
    }
}
