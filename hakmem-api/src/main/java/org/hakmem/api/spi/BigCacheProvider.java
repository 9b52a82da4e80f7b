package org.hakmem.api.spi;

/** The service type of the {@link Slot#BIG_CACHE} slot. */
public interface BigCacheProvider extends BoxProvider<BigCache> {
}
