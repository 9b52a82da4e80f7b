package org.hakmem.box.ultrahot;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.TinyCache;
import org.hakmem.api.spi.TinyFront;

/**
 * The UltraHot Box: makes a {@link HotLine} per heap from its {@link LineArena}, takes the line back when the heap
 * retires, and sums the lines' counters for stats. Frees always land here first (it steals them), which is what makes
 * a 16- or 32-byte free followed by a malloc of the same size a few loads and stores.
 */
final class UltraHotFront implements TinyFront {

    private final LineArena arena;
    private final boolean stats;
    /** Guarded by itself: the live lines, for the counters. */
    private final Set<HotLine> lines = new HashSet<>();
    private long retiredHits;
    private long retiredMisses;

    UltraHotFront(BoxContext context, boolean stats) {
        this.arena = new LineArena(context.os(), context.batch());
        this.stats = stats;
        context.counters().gauge("lines", () -> {
            synchronized (lines) {
                return lines.size();
            }
        });
        context.counters().gauge("bytes_mapped", arena::mappedBytes);
        if (stats) {
            context.counters().gauge("hits", () -> sum(line -> line.hits, () -> retiredHits));
            context.counters().gauge("misses", () -> sum(line -> line.misses, () -> retiredMisses));
        }
    }

    @Override
    public TinyCache newCache() {
        HotLine line = new HotLine(arena.take(), stats, this);
        synchronized (lines) {
            lines.add(line);
        }
        return line;
    }

    @Override
    public Supply supply() {
        return Supply.STEALING;
    }

    @Override
    public void close() {
        synchronized (lines) {
            lines.clear();
        }
        arena.close();
    }

    /** The live lines' counter plus the retired ones', read under one lock so no line counts twice. */
    private long sum(ToLongFunction<HotLine> counter, LongSupplier retired) {
        synchronized (lines) {
            return lines.stream().mapToLong(counter).sum() + retired.getAsLong();
        }
    }

    /** A line whose heap retired (its blocks are back in the slabs): counters fold in, the line is reusable. */
    void retired(HotLine line) {
        synchronized (lines) {
            if (lines.remove(line)) {
                retiredHits += line.hits;
                retiredMisses += line.misses;
                arena.give(line.line());
            }
        }
    }
}
