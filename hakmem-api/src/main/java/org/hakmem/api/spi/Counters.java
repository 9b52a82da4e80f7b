package org.hakmem.api.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One Box's named counters. Cheap to bump from many threads (each is a {@link LongAdder}); read only in snapshots.
 * A Box takes its counters once, at creation, and keeps the {@link LongAdder}s in fields.
 */
public final class Counters {

    private final Map<String, LongAdder> byName = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> ordered = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    /** The counter called {@code name}, created at zero on first use. */
    public LongAdder counter(String name) {
        return byName.computeIfAbsent(name, n -> {
            LongAdder adder = new LongAdder();
            ordered.put(n, adder);
            return adder;
        });
    }

    /** Every counter's current value, in the order they were created. */
    public Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        synchronized (ordered) {
            ordered.forEach((name, adder) -> values.put(name, adder.sum()));
        }
        return values;
    }
}
