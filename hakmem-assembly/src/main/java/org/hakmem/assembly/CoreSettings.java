package org.hakmem.assembly;

import java.util.Arrays;
import java.util.List;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.Setting;

/** The switches the assembly itself reads; each Box declares its own. */
final class CoreSettings {

    static final Setting MODE = Setting.choice("HAKMEM_MODE", "balanced",
            Arrays.stream(Mode.values()).map(Sources::name).toList(),
            "preset of features: minimal, fast, balanced, learning or research");
    static final Setting LARGE_MMAP = Setting.flag("HAKMEM_LARGE_MMAP", true,
            "sizes above 32 KiB get their own mapping (else libc malloc); the large-mmap kill switch")
            .preset("0", Mode.MINIMAL);
    static final Setting BIGCACHE = Setting.flag("HAKMEM_BIGCACHE", true,
            "keep freed mappings of 1 MiB and more for warm reuse (the bigcache slot)")
            .preset("0", Mode.MINIMAL);

    static final Setting TINY_USE_SUPERSLAB = Setting.flag("HAKMEM_TINY_USE_SUPERSLAB", true,
            "sizes up to 1016 B from the SuperSlab tiny pool (the tinypool slot), else libc malloc")
            .preset("0", Mode.MINIMAL, Mode.LEARNING, Mode.RESEARCH);

    static final Setting TINY_ULTRA_HOT = Setting.flag("HAKMEM_TINY_ULTRA_HOT", true,
            "the UltraHot L0 magazine for 16/32 B in front of the tiny pool (the ultrahot slot)")
            .preset("0", Mode.MINIMAL, Mode.LEARNING, Mode.RESEARCH);
    static final Setting TINY_HEAP_V2 = Setting.flag("HAKMEM_TINY_HEAP_V2", true,
            "the HeapV2 L1 magazine for C0-C3 in front of the tiny pool (the heapv2 slot)")
            .preset("0", Mode.MINIMAL, Mode.LEARNING, Mode.RESEARCH);

    static final Setting MID_POOL = Setting.flag("HAKMEM_MID_POOL", true,
            "sizes above the tiny range up to HAKMEM_MID_MAX_SIZE from the mid pool (the midpool slot), else libc"
                    + " malloc or their own mapping")
            .preset("0", Mode.MINIMAL, Mode.LEARNING, Mode.RESEARCH);

    static final String THP_OFF = "off";
    static final String THP_AUTO = "auto";
    static final String THP_ON = "on";
    static final Setting THP = Setting.choice("HAKMEM_THP", THP_AUTO, List.of(THP_OFF, THP_AUTO, THP_ON),
            "transparent huge pages for mappings of 2 MiB and more: off, auto (when the kernel offers THP), on")
            .preset(THP_OFF, Mode.MINIMAL).preset(THP_ON, Mode.RESEARCH);
    /**
     * FAST only: each region a pool touches becomes resident whole (mid: 21 MiB peak RSS instead of 13 for 4.6 MiB
     * live) for 1-13 % less time per op where worksets outgrow the TLB (measured in the README).
     */
    static final Setting THP_POOLS = Setting.flag("HAKMEM_THP_POOLS", false,
            "huge pages for the tiny and mid pools' 2 MiB regions too, where HAKMEM_THP gives a size: faster, but each"
                    + " region touched is resident whole")
            .preset("1", Mode.FAST);

    private CoreSettings() {
    }

    static List<Setting> all() {
        return List.of(MODE, LARGE_MMAP, BIGCACHE, TINY_USE_SUPERSLAB, TINY_ULTRA_HOT, TINY_HEAP_V2, MID_POOL, THP,
                THP_POOLS);
    }
}
