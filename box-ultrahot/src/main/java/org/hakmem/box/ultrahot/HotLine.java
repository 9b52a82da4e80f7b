package org.hakmem.box.ultrahot;

import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.spi.TinyCache;
import org.hakmem.api.spi.TinyHeader;

/**
 * One heap's UltraHot magazine: all its state in one 64-byte native line. Bytes 0-31 are C2's four slots, bytes
 * 32-63 C3's. Slot 0 of a class holds the first cached address with the class's count (0-4) in its low three bits,
 * which an 8-byte aligned address leaves free; slots 1-3 hold the rest. Owner thread only; never touches a block.
 */
final class HotLine implements TinyCache {

    static final int SLOTS = 4;
    private static final long COUNT_MASK = 7;

    private final long line;
    private final boolean stats;
    private final UltraHotFront owner;
    /** Plain counters, owner thread only; read a moment stale by snapshots. */
    long hits;
    long misses;

    HotLine(long line, boolean stats, UltraHotFront owner) {
        this.line = line;
        this.stats = stats;
        this.owner = owner;
    }

    @Override
    public int classes() {
        return 1 << 2 | 1 << 3;
    }

    @Override
    public long pop(int sizeClass) {
        if ((sizeClass & ~1) != 2) {
            return 0;
        }
        long base = line + ((long) (sizeClass - 2) << 5);
        long first = NativeMemory.getLong(base);
        int count = (int) (first & COUNT_MASK);
        if (count == 0) {
            if (stats) {
                misses++;
            }
            return 0;
        }
        if (stats) {
            hits++;
        }
        NativeMemory.putLong(base, count == 1 ? 0 : first - 1);
        return count == 1 ? first - 1 : NativeMemory.getLong(base + ((long) (count - 1) << 3));
    }

    @Override
    public boolean push(long address, int sizeClass) {
        if ((sizeClass & ~1) != 2) {
            return false;
        }
        long base = line + ((long) (sizeClass - 2) << 5);
        long first = NativeMemory.getLong(base);
        int count = (int) (first & COUNT_MASK);
        if (count == SLOTS) {
            return false;
        }
        if (count == 0) {
            NativeMemory.putLong(base, address | 1);
        } else {
            NativeMemory.putLong(base + ((long) count << 3), address);
            NativeMemory.putLong(base, first + 1);
        }
        return true;
    }

    @Override
    public int refillCount(int sizeClass) {
        return 0; // filled by frees only: the hottest blocks are the ones just freed
    }

    @Override
    public void refilled(int sizeClass) {
    }

    @Override
    public long cachedBytes() {
        return count(2) * TinyHeader.usableSize(2) + count(3) * TinyHeader.usableSize(3);
    }

    /** Blocks of {@code sizeClass} (2 or 3) in the line. */
    int count(int sizeClass) {
        return (int) (NativeMemory.getLong(line + ((long) (sizeClass - 2) << 5)) & COUNT_MASK);
    }

    @Override
    public void retire(BlockSink sink) {
        // Straight from the line, not through pop: emptying a retiring line is neither a hit nor a miss.
        for (int sizeClass = 2; sizeClass <= 3; sizeClass++) {
            long base = line + ((long) (sizeClass - 2) << 5);
            long first = NativeMemory.getLong(base);
            int count = (int) (first & COUNT_MASK);
            for (int i = count - 1; i > 0; i--) {
                sink.accept(NativeMemory.getLong(base + ((long) i << 3)), sizeClass);
            }
            if (count > 0) {
                sink.accept(first & ~COUNT_MASK, sizeClass);
            }
            NativeMemory.putLong(base, 0);
        }
        owner.retired(this);
    }

    long line() {
        return line;
    }
}
