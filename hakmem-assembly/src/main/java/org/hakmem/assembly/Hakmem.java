package org.hakmem.assembly;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.hakmem.api.Allocator;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.Slot;

/**
 * The entry point: {@code Hakmem.open()} for the configuration of the environment, {@code Hakmem.builder()} to set
 * the mode, a provider per slot or any switch in code. Sources, strongest first: builder, system properties
 * {@code hakmem.*}, environment {@code HAKMEM_*}, the mode's preset, the default. Any bad value fails here, at start,
 * naming the key, the value and the valid choices.
 */
public final class Hakmem {

    private Hakmem() {
    }

    /** An allocator configured by system properties and the environment alone. */
    public static Allocator open() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings; {@link #build()} validates them all and assembles the pipeline. */
    public static final class Builder {

        private final Map<String, String> values = new LinkedHashMap<>();
        private Map<String, String> properties;
        private Map<String, String> environment;

        private Builder() {
        }

        public Builder mode(Mode mode) {
            return set("HAKMEM_MODE", Objects.requireNonNull(mode, "mode").name());
        }

        /** Fills {@code slot} with the provider called {@code name} (as {@code HAKMEM_BOX_<SLOT>=name} would). */
        public Builder provider(Slot slot, String name) {
            return set(slot.key(), Objects.requireNonNull(name, "name"));
        }

        /** Sets any switch, by its environment name ({@code HAKMEM_BIGCACHE_CAP}) or property name. */
        public Builder set(String key, String value) {
            values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Reads these instead of {@link System#getProperties()} (for tests and embedders). */
        public Builder systemProperties(Map<String, String> properties) {
            this.properties = Map.copyOf(properties);
            return this;
        }

        /** Reads these instead of {@link System#getenv()} (for tests and embedders). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Allocator build() {
            return assemble();
        }

        /** The pipeline these settings assemble (slots, providers, modules) and every value with its source. */
        public String describe() {
            try (Pipeline pipeline = assemble()) {
                return PipelineDescription.of(pipeline);
            }
        }

        private Pipeline assemble() {
            Map<String, String> props = properties;
            if (props == null) {
                props = new LinkedHashMap<>();
                Properties system = System.getProperties();
                for (String name : system.stringPropertyNames()) {
                    props.put(name, system.getProperty(name));
                }
            }
            return Assembly.assemble(values, props, environment != null ? environment : System.getenv());
        }
    }
}
