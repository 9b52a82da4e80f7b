package org.hakmem.api.spi;

/** The service type of the {@link Slot#EXTERNAL_GUARD} slot. */
public interface ExternalGuardProvider extends BoxProvider<ExternalGuard> {
}
