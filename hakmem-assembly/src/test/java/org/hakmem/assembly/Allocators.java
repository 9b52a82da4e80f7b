package org.hakmem.assembly;

import java.util.Map;
import org.hakmem.api.Mode;

/** Builders isolated from the machine's environment and system properties, so a stray HAKMEM_* cannot sway a test. */
final class Allocators {

    private Allocators() {
    }

    static Hakmem.Builder isolated(Mode mode) {
        return Hakmem.builder().environment(Map.of()).systemProperties(Map.of()).mode(mode);
    }
}
