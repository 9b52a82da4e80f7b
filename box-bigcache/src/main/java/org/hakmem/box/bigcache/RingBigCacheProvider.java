// Owns: BigCache's name, description and settings, and building a RingBigCache from a BoxContext.
// Must never: hold state of its own or touch memory; ServiceLoader may instantiate it any number of times.
// Whether BigCache runs at all is the assembly's switch (HAKMEM_BIGCACHE), not a setting of this Box.
package org.hakmem.box.bigcache;

import java.util.List;
import org.hakmem.api.spi.BigCache;
import org.hakmem.api.spi.BigCacheProvider;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;

/** The default {@link Slot#BIG_CACHE} provider, {@code ring}: a LIFO ring per size class under a byte cap. */
public final class RingBigCacheProvider implements BigCacheProvider {

    private static final long MIB = 1024 * 1024;
    private static final long TIB = 1024 * 1024 * MIB;

    static final Setting CAP = Setting.size("HAKMEM_BIGCACHE_CAP", 256 * MIB, 0, TIB,
            "Most bytes of freed big mappings kept mapped; past it the least recently freed go to Batch");
    static final Setting RING_CAP = Setting.number("HAKMEM_BIGCACHE_RING_CAP", 4, 1, 64,
            "Freed mappings kept per size class; a full class hands its oldest to Batch");

    public RingBigCacheProvider() {
    }

    @Override
    public String name() {
        return "ring";
    }

    @Override
    public Slot slot() {
        return Slot.BIG_CACHE;
    }

    @Override
    public String description() {
        return "Keeps freed mappings of 1 MiB and more for warm reuse: a LIFO ring per size class, LRU eviction to Batch";
    }

    @Override
    public List<Setting> settings() {
        return List.of(CAP, RING_CAP);
    }

    @Override
    public BigCache create(BoxContext context) {
        return new RingBigCache(context);
    }
}
