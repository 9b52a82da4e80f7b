package org.hakmem.api.spi;

/** The service type of the {@link Slot#MID_POOL} slot. */
public interface MidPoolProvider extends BoxProvider<MidPool> {
}
