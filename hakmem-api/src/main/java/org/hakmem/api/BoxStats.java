package org.hakmem.api;

import java.util.Map;

/**
 * The counters of one Box at the time of a snapshot.
 *
 * @param slot     the slot the Box fills, e.g. {@code bigcache}
 * @param provider the provider's name, e.g. {@code ring}
 * @param counters counter name to value, in the order the Box declared them
 */
public record BoxStats(String slot, String provider, Map<String, Long> counters) {

    public BoxStats {
        counters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
    }

    /** A counter's value, or 0 if this Box has no such counter. */
    public long get(String counter) {
        return counters.getOrDefault(counter, 0L);
    }
}
