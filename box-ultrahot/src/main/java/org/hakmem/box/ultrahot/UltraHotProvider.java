package org.hakmem.box.ultrahot;

import java.util.List;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;
import org.hakmem.api.spi.TinyFront;

/** Declares UltraHot's switch and builds it. Whether the slot is filled at all is HAKMEM_TINY_ULTRA_HOT's call. */
public final class UltraHotProvider implements org.hakmem.api.spi.UltraHotProvider {

    static final Setting STATS = Setting.flag("HAKMEM_TINY_ULTRA_HOT_STATS", false,
            "count UltraHot hits and misses per thread (summed in stats)");

    @Override
    public String name() {
        return "line";
    }

    @Override
    public Slot slot() {
        return Slot.ULTRA_HOT;
    }

    @Override
    public String description() {
        return "L0 magazine for C2/C3 (16/32 B): 4 slots each, one 64-byte native cache line per thread";
    }

    @Override
    public List<Setting> settings() {
        return List.of(STATS);
    }

    @Override
    public TinyFront create(BoxContext context) {
        return new UltraHotFront(context, context.config().flag(STATS));
    }
}
