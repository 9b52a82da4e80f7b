package org.hakmem.box.superslab;

import java.util.ArrayList;
import java.util.List;
import org.hakmem.api.spi.TinyCache;
import org.hakmem.api.spi.TinyFront;
import org.hakmem.api.spi.TinyHeader;

/**
 * A front for the pool's tests: one small stack per class and cache, with a chosen supply, refill size and set of
 * classes, and a count of the calls each class brought.
 */
final class RecordingFront implements TinyFront {

    final Supply supply;
    final int slots;
    final int refill;
    final int classes;
    final List<Cache> caches = new ArrayList<>();

    RecordingFront(Supply supply, int slots, int refill) {
        this(supply, slots, refill, (1 << TinyHeader.CLASSES) - 1);
    }

    RecordingFront(Supply supply, int slots, int refill, int classes) {
        this.supply = supply;
        this.slots = slots;
        this.refill = refill;
        this.classes = classes;
    }

    @Override
    public synchronized TinyCache newCache() {
        Cache cache = new Cache();
        caches.add(cache);
        return cache;
    }

    @Override
    public Supply supply() {
        return supply;
    }

    final class Cache implements TinyCache {
        final long[][] stacks = new long[TinyHeader.CLASSES][slots];
        final int[] counts = new int[TinyHeader.CLASSES];
        /** Calls of pop and push, by class. */
        final int[] asked = new int[TinyHeader.CLASSES];
        int refills;
        boolean retired;

        @Override
        public int classes() {
            return classes;
        }

        @Override
        public long pop(int sizeClass) {
            asked[sizeClass]++;
            return counts[sizeClass] == 0 ? 0 : stacks[sizeClass][--counts[sizeClass]];
        }

        @Override
        public boolean push(long address, int sizeClass) {
            asked[sizeClass]++;
            if ((classes >>> sizeClass & 1) == 0 || counts[sizeClass] == slots) {
                return false;
            }
            stacks[sizeClass][counts[sizeClass]++] = address;
            return true;
        }

        @Override
        public int refillCount(int sizeClass) {
            return refill;
        }

        @Override
        public void refilled(int sizeClass) {
            refills++;
        }

        @Override
        public long cachedBytes() {
            long bytes = 0;
            for (int c = 0; c < TinyHeader.CLASSES; c++) {
                bytes += counts[c] * TinyHeader.usableSize(c);
            }
            return bytes;
        }

        @Override
        public void retire(BlockSink sink) {
            for (int c = 0; c < TinyHeader.CLASSES; c++) {
                while (counts[c] > 0) {
                    sink.accept(pop(c), c);
                }
            }
            retired = true;
        }

        boolean holds(long address) {
            for (int c = 0; c < TinyHeader.CLASSES; c++) {
                for (int i = 0; i < counts[c]; i++) {
                    if (stacks[c][i] == address) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
