package org.hakmem.api.spi;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hakmem.api.Mode;

/**
 * One switch, as a Box declares it: key, type, default, per-mode presets and the values it accepts.
 * Owns parsing and validation of raw values; never looks anything up itself.
 *
 * @param key          the environment-style key, e.g. {@code HAKMEM_BIGCACHE_CAP}; the system property is
 *                     {@code hakmem.bigcache.cap}
 * @param type         how the value is written
 * @param defaultValue the value when no source and no preset set it
 * @param presets      the value per mode, where the mode table fixes one
 * @param choices      the accepted values of a {@link Type#CHOICE}
 * @param min          the smallest accepted number
 * @param max          the largest accepted number
 * @param description  one line for {@code hakmem describe}
 */
public record Setting(String key, Type type, String defaultValue, Map<Mode, String> presets, List<String> choices,
                      long min, long max, String description) {

    /** How a value is written. */
    public enum Type {
        /** 1/0, true/false, on/off, yes/no. */
        FLAG,
        /** Bytes, with an optional K, M or G suffix (powers of 1024). */
        SIZE,
        /** A whole number. */
        NUMBER,
        /** One of {@link #choices()}, case-insensitively. */
        CHOICE
    }

    public Setting {
        presets = presets.isEmpty() ? Map.of() : new EnumMap<>(presets);
        choices = List.copyOf(choices);
        if (!key.startsWith("HAKMEM_")) {
            throw new IllegalArgumentException("setting keys start with HAKMEM_: " + key);
        }
    }

    public static Setting flag(String key, boolean defaultValue, String description) {
        return new Setting(key, Type.FLAG, defaultValue ? "1" : "0", Map.of(), List.of(), 0, 1, description);
    }

    public static Setting size(String key, long defaultValue, long min, long max, String description) {
        return new Setting(key, Type.SIZE, Long.toString(defaultValue), Map.of(), List.of(), min, max, description);
    }

    public static Setting number(String key, long defaultValue, long min, long max, String description) {
        return new Setting(key, Type.NUMBER, Long.toString(defaultValue), Map.of(), List.of(), min, max, description);
    }

    public static Setting choice(String key, String defaultValue, List<String> choices, String description) {
        return new Setting(key, Type.CHOICE, defaultValue, Map.of(), choices, 0, 0, description);
    }

    /** This setting with {@code value} preset for each of {@code modes}. */
    public Setting preset(String value, Mode... modes) {
        Map<Mode, String> merged = new EnumMap<>(Mode.class);
        merged.putAll(presets);
        for (Mode mode : modes) {
            merged.put(mode, value);
        }
        return new Setting(key, type, defaultValue, merged, choices, min, max, description);
    }

    /** The system property for this key: {@code HAKMEM_BIGCACHE_CAP} becomes {@code hakmem.bigcache.cap}. */
    public String propertyName() {
        return propertyName(key);
    }

    public static String propertyName(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The value before any source overrides it: the mode's preset, else the default. */
    public String baseline(Mode mode) {
        return presets.getOrDefault(mode, defaultValue);
    }

    /**
     * Parses a raw value into its canonical form (a flag becomes "1" or "0", a size its byte count).
     *
     * @throws IllegalArgumentException naming the key, the value and what would be valid
     */
    public String canonical(String raw) {
        String value = raw.strip();
        switch (type) {
            case FLAG -> {
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "1", "true", "on", "yes" -> "1";
                    case "0", "false", "off", "no" -> "0";
                    default -> throw invalid(raw, "1/0, true/false, on/off or yes/no");
                };
            }
            case CHOICE -> {
                for (String choice : choices) {
                    if (choice.equalsIgnoreCase(value)) {
                        return choice;
                    }
                }
                throw invalid(raw, "one of " + String.join(", ", choices));
            }
            default -> {
                long number = type == Type.SIZE ? parseSize(raw, value) : parseNumber(raw, value);
                if (number < min || number > max) {
                    throw invalid(raw, "a " + (type == Type.SIZE ? "size" : "number") + " from " + min + " to " + max);
                }
                return Long.toString(number);
            }
        }
    }

    private long parseNumber(String raw, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(raw, "a whole number from " + min + " to " + max);
        }
    }

    private long parseSize(String raw, String value) {
        String digits = value.toUpperCase(Locale.ROOT);
        if (digits.endsWith("IB")) {
            digits = digits.substring(0, digits.length() - 2);
        } else if (digits.endsWith("B")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        int shift = 0;
        if (!digits.isEmpty()) {
            switch (digits.charAt(digits.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                default -> { }
            }
        }
        if (shift != 0) {
            digits = digits.substring(0, digits.length() - 1);
        }
        long number;
        try {
            number = Long.parseLong(digits.strip());
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > (Long.MAX_VALUE >> shift)) {
            throw invalid(raw, "a size such as 65536, 64K, 256M or 1G");
        }
        return number << shift;
    }

    private IllegalArgumentException invalid(String raw, String valid) {
        return new IllegalArgumentException(key + "=" + raw + " is not valid; expected " + valid);
    }
}
