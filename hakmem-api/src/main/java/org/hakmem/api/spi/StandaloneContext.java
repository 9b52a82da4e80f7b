package org.hakmem.api.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hakmem.api.Mode;
import org.hakmem.api.os.OsLayer;

/**
 * A {@link BoxContext} for building one Box outside the assembly: in the Box's own tests, or in a pipeline a team
 * assembles by hand. A setting resolves as in the assembly, from an override, else the mode's preset, else its
 * default, and is validated by its {@link Setting}. Anything not given is made fresh (the real OS layer, empty tables
 * and counters); a Batch must be given to Boxes that release mappings.
 */
public final class StandaloneContext implements BoxContext {

    private final Mode mode;
    private final Map<String, String> overrides;
    private final OsLayer os;
    private final Counters counters;
    private final BlockTable blocks;
    private final RegionTable regions;
    private final Batch batch;
    private final List<TinyFront> tinyFronts;
    private final long hugePageSize;
    private final List<Setting> declared;

    private StandaloneContext(Builder builder) {
        this.declared = builder.declared;
        this.mode = builder.mode;
        this.overrides = Map.copyOf(builder.overrides);
        this.os = builder.os != null ? builder.os : OsLayer.create();
        this.counters = builder.counters != null ? builder.counters : new Counters();
        this.blocks = builder.blocks != null ? builder.blocks : new BlockTable();
        this.regions = builder.regions != null ? builder.regions : new RegionTable(256);
        this.batch = builder.batch;
        this.tinyFronts = List.copyOf(builder.tinyFronts);
        this.hugePageSize = builder.hugePageSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Config config() {
        return new Config() {
            @Override
            public Mode mode() {
                return mode;
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
                if (declared != null && !declared.contains(setting)) {
                    throw new IllegalStateException(setting.key() + " was not declared in the Box's settings()");
                }
                String raw = overrides.get(setting.key());
                return setting.canonical(raw != null ? raw : setting.baseline(mode));
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
        return blocks;
    }

    @Override
    public RegionTable regions() {
        return regions;
    }

    @Override
    public Batch batch() {
        if (batch == null) {
            throw new IllegalStateException("this context was built without a Batch");
        }
        return batch;
    }

    @Override
    public List<TinyFront> tinyFronts() {
        return tinyFronts;
    }

    @Override
    public long hugePageSize() {
        return hugePageSize;
    }

    /** The current value of one of this context's counters (0 if the Box never created it). */
    public long count(String counter) {
        return counters.snapshot().getOrDefault(counter, 0L);
    }

    /** Collects what differs from the defaults. */
    public static final class Builder {
        private Mode mode = Mode.BALANCED;
        private final Map<String, String> overrides = new HashMap<>();
        private OsLayer os;
        private Counters counters;
        private BlockTable blocks;
        private RegionTable regions;
        private Batch batch;
        private List<TinyFront> tinyFronts = List.of();
        private long hugePageSize;
        private List<Setting> declared;

        private Builder() {
        }

        /** Answers only these settings, as the assembly answers only what a Box declares in its settings(). */
        public Builder declared(List<Setting> settings) {
            this.declared = List.copyOf(settings);
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        /** Overrides a setting by key, e.g. {@code set("HAKMEM_BATCH_THRESHOLD", "1M")}. */
        public Builder set(String key, String value) {
            overrides.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public Builder set(Map<String, String> values) {
            overrides.putAll(values);
            return this;
        }

        public Builder os(OsLayer os) {
            this.os = os;
            return this;
        }

        public Builder counters(Counters counters) {
            this.counters = counters;
            return this;
        }

        public Builder blocks(BlockTable blocks) {
            this.blocks = blocks;
            return this;
        }

        public Builder regions(RegionTable regions) {
            this.regions = regions;
            return this;
        }

        public Builder batch(Batch batch) {
            this.batch = batch;
            return this;
        }

        /** The fronts a tiny pool puts before its slabs, outermost first. */
        public Builder tinyFronts(List<TinyFront> fronts) {
            this.tinyFronts = List.copyOf(fronts);
            return this;
        }

        /** The huge page size pool regions are advised to use; 0 (the default here) for none. */
        public Builder hugePageSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("hugePageSize " + bytes + " < 0");
            }
            this.hugePageSize = bytes;
            return this;
        }

        public StandaloneContext build() {
            return new StandaloneContext(this);
        }
    }
}
