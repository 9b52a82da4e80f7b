package org.hakmem.box.midpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.StandaloneContext;

/** The mid pool alone, on the real OS layer and region table, with a Batch that records what it gets. */
final class TestContext {

    final RegionTable regions = new RegionTable(256);
    final List<long[]> released = new ArrayList<>();
    final Batch batch = new RecordingBatch();
    final StandaloneContext context;

    TestContext() {
        this(Map.of());
    }

    TestContext(Map<String, String> overrides) {
        context = StandaloneContext.builder().declared(new MidPagesProvider().settings()).set(overrides)
                .regions(regions).batch(batch).build();
    }

    MidPages pool() {
        return (MidPages) new MidPagesProvider().create(context);
    }

    /** What the segments of {@link #segments} take for the time, in nanoseconds: moved on by the tests. */
    long now;

    /** The pool's mappings alone, for the tests of spans, segments and central lists: the default spares. */
    Segments segments(int maxSegments) {
        return segments(maxSegments, Segments.WARM_SPARES);
    }

    Segments segments(int maxSegments, int spares) {
        return new Segments(os(), batch, regions, maxSegments, 0, spares, () -> now);
    }

    OsLayer os() {
        return context.os();
    }

    long count(String name) {
        return context.count(name);
    }

    int releasedCount() {
        synchronized (released) {
            return released.size();
        }
    }

    private final class RecordingBatch implements Batch {
        @Override
        public void release(long base, long length) {
            synchronized (released) {
                released.add(new long[] {base, length});
            }
        }

        @Override
        public void releaseUnused(long base, long length) {
            // The unaligned ends of a segment's mapping: never touched; a test may leave them mapped.
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
