package org.hakmem.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A benchmark's JMH parameters besides the allocator, as a map, the way {@link PlannedRun} holds them.
 * Owns that one conversion; never reads results.
 */
final class ParameterMaps {

    private ParameterMaps() {
    }

    static Map<String, String> of(BenchmarkParams params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Object key : params.getParamsKeys()) {
            String name = key.toString();
            if (!name.equals("allocator")) {
                map.put(name, params.getParam(name));
            }
        }
        return map;
    }
}
