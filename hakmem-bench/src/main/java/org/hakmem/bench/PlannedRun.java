package org.hakmem.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark the runner expects a result for: a scenario, its parameters and an allocator. A run that comes back
 * without a real number still has its row (FAILED), so nothing disappears from the report silently.
 * Owns the identity of a run; never runs it.
 */
record PlannedRun(Scenario scenario, Map<String, String> parameters, String allocator) {

    PlannedRun {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The shape text of the report's params column. */
    String shape() {
        return scenario.shape(parameters);
    }
}
