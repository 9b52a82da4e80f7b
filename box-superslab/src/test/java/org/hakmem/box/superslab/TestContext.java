package org.hakmem.box.superslab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hakmem.api.Mode;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Config;
import org.hakmem.api.spi.Counters;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.Setting;

/** A BoxContext for the pool alone: the real OS layer and region table, and a Batch that records what it gets. */
final class TestContext implements BoxContext {

    final OsLayer os = OsLayer.create();
    final Counters counters = new Counters();
    final RegionTable regions = new RegionTable(256);
    final List<long[]> released = new ArrayList<>();
    private final Map<String, String> overrides;

    TestContext(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    SuperSlabPool pool() {
        return (SuperSlabPool) new SuperSlabProvider().create(this);
    }

    long count(String name) {
        return counters.snapshot().getOrDefault(name, -1L);
    }

    @Override
    public Config config() {
        return new Config() {
            @Override
            public Mode mode() {
                return Mode.BALANCED;
            }

            @Override
            public boolean flag(Setting setting) {
                return "1".equals(value(setting));
            }

            @Override
            public long number(Setting setting) {
                return Long.parseLong(value(setting));
            }

            @Override
            public String choice(Setting setting) {
                return value(setting);
            }

            private String value(Setting setting) {
                return setting.canonical(overrides.getOrDefault(setting.key(), setting.baseline(Mode.BALANCED)));
            }
        };
    }

    @Override
    public OsLayer os() {
        return os;
    }

    @Override
    public Counters counters() {
        return counters;
    }

    @Override
    public BlockTable blocks() {
        return new BlockTable();
    }

    @Override
    public RegionTable regions() {
        return regions;
    }

    @Override
    public Batch batch() {
        return new Batch() {
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
        };
    }
}
