package org.hakmem.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The presets of {@code HAKMEM_MODE}: each turns a set of features on or off; single switches override them. */
public enum Mode {
    /** The baseline: libc malloc with a validated header, every feature off. */
    MINIMAL,
    /** Production speed. */
    FAST,
    /** The general default. */
    BALANCED,
    /** Adaptive: strategies are learned, then frozen. */
    LEARNING,
    /** Everything on, with debugging. */
    RESEARCH;

    /** Parses a mode name, case-insensitively; an unknown name fails with the valid choices. */
    public static Mode parse(String key, String value) {
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        for (Mode mode : values()) {
            if (mode.name().equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(key + "=" + value + " is not a mode; valid choices: " + choices());
    }

    /** The valid names, lower case, as users write them. */
    public static String choices() {
        return Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
