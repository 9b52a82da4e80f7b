package org.hakmem.api.spi;

import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Every live block served from libc malloc or from its own mapping: user address to backing base, usable size and
 * method. FrontGate asks it before any header is read, so no address a user passes is dereferenced unless listed
 * here. Freed addresses linger as tombstones until the next rehash, which lets a double free be named as one.
 *
 * <p>Striped open addressing over plain {@code long[]}s on the Java heap: the allocator's metadata never comes from
 * the allocator. Lock striping keeps threads apart; each stripe is a short {@code synchronized} section.
 */
public final class BlockTable {

    /** A live block. */
    public record Block(long address, long base, long size, byte method) {
        /** The first address past the block. */
        public long end() {
            return address + size;
        }
    }

    private static final int STRIPE_BITS = 6;
    private static final int INITIAL_CAPACITY = 64;
    private static final long TOMBSTONE = -1L;
    /** Methods are small numbers ({@link BlockHeader#METHOD_MALLOC}, ...); counts are kept per method. */
    private static final int METHOD_MASK = 7;

    private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];

    public BlockTable() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** Registers a live block. */
    public void insert(long address, long base, long size, byte method) {
        if (address == 0 || size < 0) {
            throw new IllegalArgumentException("bad block 0x" + Long.toHexString(address) + " size " + size);
        }
        long hash = hash(address);
        Stripe stripe = stripe(hash);
        synchronized (stripe) {
            stripe.insert(hash, address, base, (size & Stripe.SIZE_MASK) | ((long) method << 56));
        }
    }

    /** The live block starting at {@code address}, or {@code null}. */
    public Block lookup(long address) {
        long hash = hash(address);
        Stripe stripe = stripe(hash);
        synchronized (stripe) {
            int slot = stripe.find(hash, address);
            return slot < 0 || stripe.metas[slot] == TOMBSTONE ? null : stripe.block(slot);
        }
    }

    /** Removes and returns the live block starting at {@code address}; {@code null} if there is none. */
    public Block remove(long address) {
        long hash = hash(address);
        Stripe stripe = stripe(hash);
        synchronized (stripe) {
            int slot = stripe.find(hash, address);
            if (slot < 0 || stripe.metas[slot] == TOMBSTONE) {
                return null;
            }
            Block block = stripe.block(slot);
            stripe.metas[slot] = TOMBSTONE;
            stripe.live--;
            stripe.liveBytes -= block.size();
            stripe.removes[block.method() & METHOD_MASK]++;
            return block;
        }
    }

    /** Whether {@code address} started a block that was freed recently (a tombstone still remembers it). */
    public boolean wasFreed(long address) {
        long hash = hash(address);
        Stripe stripe = stripe(hash);
        synchronized (stripe) {
            int slot = stripe.find(hash, address);
            return slot >= 0 && stripe.metas[slot] == TOMBSTONE;
        }
    }

    /**
     * The live block whose header or body contains {@code address}, or {@code null}. A full scan: for error
     * messages only, never on a fast path.
     */
    public Block containing(long address) {
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                for (int slot = 0; slot < stripe.keys.length; slot++) {
                    long key = stripe.keys[slot];
                    if (key != 0 && stripe.metas[slot] != TOMBSTONE) {
                        Block block = stripe.block(slot);
                        if (address >= key - BlockHeader.SIZE && address < block.end()) {
                            return block;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Calls {@code action} for every live block; the table must not be changed meanwhile. */
    public void forEachLive(Consumer<Block> action) {
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                for (int slot = 0; slot < stripe.keys.length; slot++) {
                    if (stripe.keys[slot] != 0 && stripe.metas[slot] != TOMBSTONE) {
                        action.accept(stripe.block(slot));
                    }
                }
            }
        }
    }

    /** The number of live blocks. */
    public long liveBlocks() {
        return sum(stripe -> stripe.live);
    }

    /**
     * How many blocks of {@code method} were ever registered. Counted under the stripe locks the table takes anyway,
     * so allocation paths need no counters of their own.
     */
    public long inserts(byte method) {
        return sum(stripe -> stripe.inserts[method & METHOD_MASK]);
    }

    /** How many blocks of {@code method} were ever removed (freed). */
    public long removes(byte method) {
        return sum(stripe -> stripe.removes[method & METHOD_MASK]);
    }

    /** The usable bytes of all live blocks. */
    public long liveBytes() {
        return sum(stripe -> stripe.liveBytes);
    }

    /** One figure summed over the stripes, each read under its lock. */
    private long sum(ToLongFunction<Stripe> figure) {
        long sum = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                sum += figure.applyAsLong(stripe);
            }
        }
        return sum;
    }

    private static long hash(long address) {
        long h = address * 0x9E37_79B9_7F4A_7C15L;
        return h ^ (h >>> 29);
    }

    private Stripe stripe(long hash) {
        return stripes[(int) (hash >>> (64 - STRIPE_BITS))];
    }

    /** One stripe: linear probing; key 0 is empty; a tombstone keeps its key so that a double free can be named. */
    private static final class Stripe {
        static final long SIZE_MASK = (1L << 56) - 1;

        long[] keys = new long[INITIAL_CAPACITY];
        long[] bases = new long[INITIAL_CAPACITY];
        long[] metas = new long[INITIAL_CAPACITY];
        int used;
        int live;
        long liveBytes;
        final long[] inserts = new long[METHOD_MASK + 1];
        final long[] removes = new long[METHOD_MASK + 1];

        Block block(int slot) {
            long meta = metas[slot];
            return new Block(keys[slot], bases[slot], meta & SIZE_MASK, (byte) (meta >>> 56));
        }

        /** The slot holding {@code key} (live or tombstone), or -1. */
        int find(long hash, long key) {
            int mask = keys.length - 1;
            for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
                long k = keys[slot];
                if (k == key) {
                    return slot;
                }
                if (k == 0) {
                    return -1;
                }
            }
        }

        void insert(long hash, long key, long base, long meta) {
            int existing = find(hash, key);
            if (existing >= 0) {
                if (metas[existing] != TOMBSTONE) {
                    throw new IllegalStateException("block 0x" + Long.toHexString(key) + " registered twice");
                }
                // The address was freed and handed out again: revive its tombstone.
                put(existing, key, base, meta);
                return;
            }
            if ((used + 1) * 2 > keys.length) {
                rehash(live * 4 >= keys.length ? keys.length * 2 : keys.length);
            }
            int mask = keys.length - 1;
            int slot = (int) hash & mask;
            while (keys[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            used++;
            put(slot, key, base, meta);
        }

        private void put(int slot, long key, long base, long meta) {
            keys[slot] = key;
            bases[slot] = base;
            metas[slot] = meta;
            live++;
            liveBytes += meta & SIZE_MASK;
            inserts[(int) (meta >>> 56) & METHOD_MASK]++;
        }

        /** Rebuilds the stripe at {@code capacity}, dropping tombstones. */
        private void rehash(int capacity) {
            long[] oldKeys = keys;
            long[] oldBases = bases;
            long[] oldMetas = metas;
            keys = new long[capacity];
            bases = new long[capacity];
            metas = new long[capacity];
            int mask = capacity - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0 && oldMetas[i] != TOMBSTONE) {
                    int slot = (int) hash(oldKeys[i]) & mask;
                    while (keys[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    bases[slot] = oldBases[i];
                    metas[slot] = oldMetas[i];
                }
            }
            used = live;
        }
    }
}
