package org.hakmem.assembly;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.Setting;

/**
 * Where configuration values come from, in priority order: builder, system properties {@code hakmem.*},
 * environment {@code HAKMEM_*}, then the mode's preset and the setting's default. Owns key spelling and the
 * "unknown key" check; never interprets a value beyond handing it to its {@link Setting}.
 */
final class Sources {

    /** A resolved value and where it came from, for {@code hakmem describe}. */
    record Value(String value, String source) {
    }

    private static final String PROPERTY_PREFIX = "hakmem.";
    private static final String ENV_PREFIX = "HAKMEM_";

    private final Map<String, String> builder;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> propertyNames = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    Sources(Map<String, String> builder, Map<String, String> systemProperties, Map<String, String> env) {
        this.builder = new LinkedHashMap<>();
        builder.forEach((key, value) -> this.builder.put(key(key), value));
        systemProperties.forEach((name, value) -> {
            if (name.startsWith(PROPERTY_PREFIX)) {
                properties.put(key(name), value);
                propertyNames.put(key(name), name);
            }
        });
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                environment.put(name, value);
            }
        });
    }

    /** {@code hakmem.bigcache.cap} and {@code HAKMEM_BIGCACHE_CAP} are the same key. */
    static String key(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The value of {@code setting} under {@code mode}, validated and canonical. */
    Value resolve(Setting setting, Mode mode) {
        String key = setting.key();
        if (builder.containsKey(key)) {
            return parse(setting, builder.get(key), "builder");
        }
        if (properties.containsKey(key)) {
            return parse(setting, properties.get(key), "system property " + propertyNames.get(key));
        }
        if (environment.containsKey(key)) {
            return parse(setting, environment.get(key), "environment");
        }
        if (setting.presets().containsKey(mode)) {
            return new Value(setting.canonical(setting.presets().get(mode)), "preset of mode " + name(mode));
        }
        return new Value(setting.canonical(setting.defaultValue()), "default");
    }

    /** The raw mode before any setting is known; the mode decides every preset. */
    Value mode() {
        String key = CoreSettings.MODE.key();
        String source = builder.containsKey(key) ? "builder"
                : properties.containsKey(key) ? "system property " + propertyNames.get(key)
                : environment.containsKey(key) ? "environment" : "default";
        String raw = builder.getOrDefault(key, properties.getOrDefault(key, environment.get(key)));
        if (raw == null) {
            return new Value(name(Mode.BALANCED), source);
        }
        try {
            return new Value(name(Mode.parse(key, raw)), source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(from(source) + e.getMessage(), e);
        }
    }

    /** Fails if any source sets a key no setting declares (a typo must not pass silently). */
    void rejectUnknown(Set<String> known) {
        check(builder.keySet(), known, k -> "builder");
        check(properties.keySet(), known, k -> "system property " + propertyNames.get(k));
        check(environment.keySet(), known, k -> "environment");
    }

    private static void check(Set<String> keys, Set<String> known, java.util.function.Function<String, String> source) {
        for (String key : keys) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(from(source.apply(key)) + "unknown setting " + key
                        + "; known settings: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static Value parse(Setting setting, String raw, String source) {
        try {
            return new Value(setting.canonical(raw), source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(from(source) + e.getMessage(), e);
        }
    }

    private static String from(String source) {
        return "hakmem configuration (" + source + "): ";
    }

    static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
