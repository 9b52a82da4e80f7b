package org.hakmem.api.spi;

/** The service type of the {@link Slot#BATCH} slot. */
public interface BatchProvider extends BoxProvider<Batch> {
}
