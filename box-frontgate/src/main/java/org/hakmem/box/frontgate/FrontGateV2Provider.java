package org.hakmem.box.frontgate;

import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.FrontGate;
import org.hakmem.api.spi.FrontGateProvider;
import org.hakmem.api.spi.Slot;

/** Announces FrontGate V2 to the assembly; builds nothing until asked. */
public final class FrontGateV2Provider implements FrontGateProvider {

    @Override
    public String name() {
        return "v2";
    }

    @Override
    public Slot slot() {
        return Slot.FRONT_GATE;
    }

    @Override
    public String description() {
        return "registry lookup first, then header check (magic, ABI version, method, size); never reads an unknown address";
    }

    @Override
    public FrontGate create(BoxContext context) {
        return new FrontGateV2(context);
    }
}
