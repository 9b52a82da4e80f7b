package org.hakmem.box.batch;

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
 * A BoxContext for building Batch alone: the real OS layer, fresh counters and a Config that answers each declared
 * Setting from its BALANCED baseline unless {@code overrides} (key to raw value) says otherwise.
 */
record TestBoxContext(Config config, OsLayer os, Counters counters, BlockTable blocks) implements BoxContext {

    static TestBoxContext of(List<Setting> declared, Map<String, String> overrides) {
        return new TestBoxContext(new TestConfig(Mode.BALANCED, declared, overrides), OsLayer.create(), new Counters(),
                new BlockTable());
    }

    @Override
    public RegionTable regions() {
        throw new IllegalStateException("this Box registers no SuperSlab regions");
    }

    @Override
    public Batch batch() {
        throw new IllegalStateException("Batch is being built; it has no Batch to hand to");
    }

    /** The current value of counter {@code name}. */
    long count(String name) {
        return counters.counter(name).sum();
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
