package org.hakmem.api.spi;

/** The service type of the {@link Slot#FRONT_GATE} slot. */
public interface FrontGateProvider extends BoxProvider<FrontGate> {
}
