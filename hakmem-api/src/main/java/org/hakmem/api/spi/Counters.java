package org.hakmem.api.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One Box's named counters. Cheap to bump from many threads (each is a {@link LongAdder}); read only in snapshots.
 * A Box takes its counters once, at creation, and keeps the {@link LongAdder}s in fields.
 */
public final class Counters {

    private final Map<String, LongAdder> byName = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> ordered = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    /** The counter called {@code name}, created at zero on first use. */
    public LongAdder counter(String name) {
        return byName.computeIfAbsent(name, n -> {
            LongAdder adder = new LongAdder();
            ordered.put(n, adder::sum);
            return adder;
        });
    }

    /**
     * A value the Box computes when a snapshot is taken, for counts it keeps in plain per-thread fields rather than
     * pay for an atomic add on a fast path.
     */
    public void gauge(String name, LongSupplier value) {
        if (byName.containsKey(name) || ordered.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("counter " + name + " exists already");
        }
    }

    /** Every counter's current value, in the order they were created. */
    public Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        synchronized (ordered) {
            ordered.forEach((name, value) -> values.put(name, value.getAsLong()));
        }
        return values;
    }
}
