package org.hakmem.api.spi;

import java.util.Locale;

/** The places in the pipeline a Box can fill, in the order the assembly builds them. */
public enum Slot {
    /** The only munmapper; built first because BigCache hands evictions to it. */
    BATCH(BatchProvider.class, "madvise", true),
    /** Warm reuse of freed mappings of 1 MiB and more. */
    BIG_CACHE(BigCacheProvider.class, "ring", false),
    /** The L0 magazine of the two hottest tiny classes; built before the pool, which gives each heap one. */
    ULTRA_HOT(UltraHotProvider.class, "line", false),
    /** The L1 magazine of tiny classes C0-C3; built before the pool, which gives each heap one. */
    HEAP_V2(HeapV2Provider.class, "magazine", false),
    /** Blocks of up to 1 KiB carved from SuperSlabs shared by all threads. */
    TINY_POOL(TinyPoolProvider.class, "superslab", false),
    /** Blocks from above the tiny range to the mid pool's largest class, from per-thread caches over shared pages. */
    MID_POOL(MidPoolProvider.class, "pages", false),
    /** Addresses that are not hakmem's. */
    EXTERNAL_GUARD(ExternalGuardProvider.class, "standard", true),
    /** Classifies every address on free. */
    FRONT_GATE(FrontGateProvider.class, "v2", true);

    private final Class<? extends BoxProvider<?>> providerType;
    private final String defaultProvider;
    private final boolean required;

    Slot(Class<? extends BoxProvider<?>> providerType, String defaultProvider, boolean required) {
        this.providerType = providerType;
        this.defaultProvider = defaultProvider;
        this.required = required;
    }

    /** The service type {@link java.util.ServiceLoader} looks up for this slot. */
    public Class<? extends BoxProvider<?>> providerType() {
        return providerType;
    }

    /** The provider used when configuration names none. */
    public String defaultProvider() {
        return defaultProvider;
    }

    /** Whether every pipeline needs this slot filled (an optional slot can be switched off). */
    public boolean required() {
        return required;
    }

    /** The short name in stats and describe output, e.g. {@code bigcache}. */
    public String id() {
        return name().replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The configuration key that picks this slot's provider, e.g. {@code HAKMEM_BOX_BIGCACHE}. */
    public String key() {
        return "HAKMEM_BOX_" + name().replace("_", "");
    }
}
