package org.hakmem.api.spi;

/** The service type of the {@link Slot#HEAP_V2} slot. */
public interface HeapV2Provider extends BoxProvider<TinyFront> {
}
