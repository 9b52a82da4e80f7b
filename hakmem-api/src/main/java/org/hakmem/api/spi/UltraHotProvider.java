package org.hakmem.api.spi;

/** The service type of the {@link Slot#ULTRA_HOT} slot. */
public interface UltraHotProvider extends BoxProvider<TinyFront> {
}
