package org.hakmem.box.heapv2;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.TinyCache;
import org.hakmem.api.spi.TinyFront;

/**
 * The HeapV2 Box: makes a {@link Magazine} per heap with the configured class mask and supply mode, and sums the
 * magazines' counters for stats (alloc_calls, mag_hits, refills, when its stats switch is on). Holds no blocks itself.
 */
final class HeapV2Front implements TinyFront {

    private final int classMask;
    private final Supply supply;
    private final boolean stats;
    /** Guarded by itself: the live magazines, for the counters. */
    private final Set<Magazine> magazines = new HashSet<>();
    private long retiredAllocCalls;
    private long retiredMagHits;
    private long retiredRefills;

    HeapV2Front(BoxContext context, int classMask, Supply supply, boolean stats) {
        this.classMask = classMask;
        this.supply = supply;
        this.stats = stats;
        context.counters().gauge("magazines", () -> {
            synchronized (magazines) {
                return magazines.size();
            }
        });
        if (stats) {
            context.counters().gauge("alloc_calls", () -> sum(m -> m.allocCalls, () -> retiredAllocCalls));
            context.counters().gauge("mag_hits", () -> sum(m -> m.magHits, () -> retiredMagHits));
            context.counters().gauge("refills", () -> sum(m -> m.refills, () -> retiredRefills));
        }
    }

    @Override
    public TinyCache newCache() {
        Magazine magazine = new Magazine(classMask, stats, this);
        synchronized (magazines) {
            magazines.add(magazine);
        }
        return magazine;
    }

    @Override
    public Supply supply() {
        return supply;
    }

    /** A magazine whose heap retired: its counters fold into the Box's. */
    void retired(Magazine magazine) {
        synchronized (magazines) {
            if (magazines.remove(magazine)) {
                retiredAllocCalls += magazine.allocCalls;
                retiredMagHits += magazine.magHits;
                retiredRefills += magazine.refills;
            }
        }
    }

    @Override
    public void close() {
        synchronized (magazines) {
            magazines.clear();
        }
    }

    /** The live magazines' counter plus the retired ones', read under one lock so no magazine counts twice. */
    private long sum(ToLongFunction<Magazine> counter, LongSupplier retired) {
        synchronized (magazines) {
            return magazines.stream().mapToLong(counter).sum() + retired.getAsLong();
        }
    }
}
