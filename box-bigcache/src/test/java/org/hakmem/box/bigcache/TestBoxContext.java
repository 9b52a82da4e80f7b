package org.hakmem.box.bigcache;

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

/**
 * A BoxContext for building BigCache alone: the real OS layer, fresh counters, a {@link RecordingBatch} and a Config
 * that answers each declared Setting from its BALANCED baseline unless {@code overrides} (key to raw value) says so.
 */
record TestBoxContext(Config config, OsLayer os, Counters counters, BlockTable blocks, RecordingBatch batch)
        implements BoxContext {

    static TestBoxContext of(List<Setting> declared, Map<String, String> overrides) {
        return new TestBoxContext(new TestConfig(Mode.BALANCED, declared, overrides), OsLayer.create(), new Counters(),
                new BlockTable(), new RecordingBatch());
    }

    @Override
    public RegionTable regions() {
        throw new IllegalStateException("BigCache registers no SuperSlab regions");
    }

    /** The current value of counter {@code name}. */
    long count(String name) {
        return counters.counter(name).sum();
    }

    /** One mapping handed to Batch. */
    record Released(long base, long length) {
    }

    /** A Batch that unmaps nothing and remembers every release in order. */
    static final class RecordingBatch implements Batch {
        private final List<Released> released = new ArrayList<>();

        @Override
        public synchronized void release(long base, long length) {
            released.add(new Released(base, length));
        }

        @Override
        public void releaseUnused(long base, long length) {
            throw new AssertionError("BigCache only ever hands over mappings that were in use");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized List<Released> released() {
            return List.copyOf(released);
        }
    }

    /** Answers only settings the Box declared, as the assembly does, through {@link Setting#canonical}. */
    record TestConfig(Mode mode, List<Setting> declared, Map<String, String> overrides) implements Config {

        @Override
        public boolean flag(Setting setting) {
            return value(setting).equals("1");
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
            if (!declared.contains(setting)) {
                throw new IllegalArgumentException(setting.key() + " was not declared in settings()");
            }
            return setting.canonical(overrides.getOrDefault(setting.key(), setting.baseline(mode)));
        }
    }
}
