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
        return "SuperSlab region, then tiny tag; else registry, then header (magic, ABI version, method, size);"
                + " reads no unknown address";
    }

    @Override
    public FrontGate create(BoxContext context) {
        return new FrontGateV2(context);
    }
}
