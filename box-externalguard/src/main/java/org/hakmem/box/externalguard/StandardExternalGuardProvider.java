package org.hakmem.box.externalguard;

import java.util.List;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.ExternalGuard;
import org.hakmem.api.spi.ExternalGuardProvider;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;

/** Declares ExternalGuard's switches and builds it. */
public final class StandardExternalGuardProvider implements ExternalGuardProvider {

    static final String REJECT = "reject";
    static final String DELEGATE = "delegate";

    static final Setting POLICY = Setting.choice("HAKMEM_EXTERNAL_GUARD_POLICY", REJECT, List.of(REJECT, DELEGATE),
            "foreign addresses: reject (clear exception) or delegate (libc free, for blocks a native library malloc'ed)");
    static final Setting MINCORE = Setting.flag("HAKMEM_EXTERNAL_GUARD_MINCORE", false,
            "check with mincore (~1 us) that a foreign address is mapped before delegating or to name it in errors");
    static final Setting LOG = Setting.flag("HAKMEM_EXTERNAL_GUARD_LOG", false,
            "log every foreign address through System.Logger at WARNING");
    static final Setting STATS = Setting.flag("HAKMEM_EXTERNAL_GUARD_STATS", true,
            "count calls, rejections and delegations");

    @Override
    public String name() {
        return "standard";
    }

    @Override
    public Slot slot() {
        return Slot.EXTERNAL_GUARD;
    }

    @Override
    public String description() {
        return "names double frees and interior pointers; rejects or delegates foreign blocks to libc free";
    }

    @Override
    public List<Setting> settings() {
        return List.of(POLICY, MINCORE, LOG, STATS);
    }

    @Override
    public ExternalGuard create(BoxContext context) {
        return new StandardExternalGuard(context);
    }
}
