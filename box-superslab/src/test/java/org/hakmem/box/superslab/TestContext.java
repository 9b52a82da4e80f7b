package org.hakmem.box.superslab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.StandaloneContext;
import org.hakmem.api.spi.TinyFront;

/** The pool alone, on the real OS layer and region table, with a Batch that records what it gets. */
final class TestContext {

    final RegionTable regions = new RegionTable(256);
    final List<long[]> released = new ArrayList<>();
    private final StandaloneContext context;

    TestContext(Map<String, String> overrides) {
        this(overrides, List.of());
    }

    TestContext(Map<String, String> overrides, List<TinyFront> fronts) {
        context = StandaloneContext.builder().declared(new SuperSlabProvider().settings()).set(overrides)
                .regions(regions).batch(new RecordingBatch()).tinyFronts(fronts).build();
    }

    SuperSlabPool pool() {
        return (SuperSlabPool) new SuperSlabProvider().create(context);
    }

    long count(String name) {
        return context.count(name);
    }

    private final class RecordingBatch implements Batch {
        @Override
        public synchronized void release(long base, long length) {
            released.add(new long[] {base, length});
        }

        @Override
        public void releaseUnused(long base, long length) {
            // The unaligned ends of a SuperSlab mapping: never touched; a test may leave them mapped.
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
