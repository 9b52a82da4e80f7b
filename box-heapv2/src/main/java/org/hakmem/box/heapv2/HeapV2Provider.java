package org.hakmem.box.heapv2;

import java.util.List;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;
import org.hakmem.api.spi.TinyFront;

/** Declares HeapV2's switches and builds it. Whether the slot is filled at all is HAKMEM_TINY_HEAP_V2's call. */
public final class HeapV2Provider implements org.hakmem.api.spi.HeapV2Provider {

    static final Setting CLASS_MASK = Setting.number("HAKMEM_TINY_HEAP_V2_CLASS_MASK", 0xF, 0, 0xF,
            "which of C0-C3 the magazine serves: bit i for class Ci");
    static final Setting LEFTOVER_MODE = Setting.flag("HAKMEM_TINY_HEAP_V2_LEFTOVER_MODE", false,
            "0: Stealing (frees fill the magazine first); 1: Leftover (the slab owner first, the magazine gets the rest)");
    static final Setting STATS = Setting.flag("HAKMEM_TINY_HEAP_V2_STATS", false,
            "count alloc_calls, mag_hits and refills per thread (summed in stats)");

    @Override
    public String name() {
        return "magazine";
    }

    @Override
    public Slot slot() {
        return Slot.HEAP_V2;
    }

    @Override
    public String description() {
        return "L1 magazine for C0-C3: 16 slots per class and thread, Stealing or Leftover supply";
    }

    @Override
    public List<Setting> settings() {
        return List.of(CLASS_MASK, LEFTOVER_MODE, STATS);
    }

    @Override
    public TinyFront create(BoxContext context) {
        return new HeapV2Front(context, (int) context.config().number(CLASS_MASK),
                context.config().flag(LEFTOVER_MODE) ? TinyFront.Supply.LEFTOVER : TinyFront.Supply.STEALING,
                context.config().flag(STATS));
    }
}
