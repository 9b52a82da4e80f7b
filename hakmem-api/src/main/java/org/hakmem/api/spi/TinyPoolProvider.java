package org.hakmem.api.spi;

/** The service type of the {@link Slot#TINY_POOL} slot. */
public interface TinyPoolProvider extends BoxProvider<TinyPool> {
}
