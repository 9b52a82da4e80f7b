package org.hakmem.box.midpool;

import java.util.List;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.MidHeader;
import org.hakmem.api.spi.MidPool;
import org.hakmem.api.spi.MidPoolProvider;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;

/** Declares the mid pool's switches and builds it. */
public final class MidPagesProvider implements MidPoolProvider {

    static final Setting MAX_SIZE = Setting.size("HAKMEM_MID_MAX_SIZE", MidHeader.MAX_CLASS_SIZE, 1024,
            MidHeader.MAX_CLASS_SIZE, "the largest request the mid pool serves (1 KiB to 1 MiB); larger ones get their"
                    + " own mapping, and BigCache keeps it for reuse");
    static final Setting MAX_SEGMENTS = Setting.number("HAKMEM_MID_MAX_SEGMENTS", 8192, 1, 1 << 20,
            "at most this many 2 MiB segments (8192: 16 GiB of mid blocks); beyond, the paths below serve");
    static final Setting SHARED_CACHES = Setting.number("HAKMEM_MID_SHARED_CACHES", 0, 0, 1024,
            "caches that virtual threads share (0: one per available processor); platform threads get one each");

    static final Setting STRICT_FREE = Setting.flag("HAKMEM_MID_STRICT_FREE", true,
            "1 (0 in FAST): a free flips the block header with a compare-and-set, so of two threads racing to free one"
                    + " block exactly one wins; 0: a plain read and write, faster, still naming every double free that"
                    + " does not race")
            .preset("0", Mode.FAST);

    static final Setting CACHE_BYTES = Setting.size("HAKMEM_MID_CACHE_BYTES", MidCache.BUDGET, 2L << 20, 1L << 30,
            "bytes of free blocks one thread's mid cache may keep (at least 2M, two of the largest blocks; 4M; 8M in"
                    + " FAST, where fewer trips to the central lists are worth the memory)")
            .preset(Long.toString(8L << 20), Mode.FAST);

    static final Setting SPARE_SEGMENTS = Setting.number("HAKMEM_MID_SPARE_SEGMENTS", Segments.WARM_SPARES, 0, 1024,
            "empty 2 MiB segments kept mapped for new spans (2; 8 in FAST); beyond two, a spare left empty for a second"
                    + " goes to Batch")
            .preset("8", Mode.FAST);

    @Override
    public String name() {
        return "pages";
    }

    @Override
    public Slot slot() {
        return Slot.MID_POOL;
    }

    @Override
    public String description() {
        return "blocks above the tiny range up to HAKMEM_MID_MAX_SIZE in " + MidHeader.CLASSES + " classes, from spans"
                + " of 64 KiB pages in 2 MiB segments; lock-free per-thread caches, batched central lists";
    }

    @Override
    public List<Setting> settings() {
        return List.of(MAX_SIZE, MAX_SEGMENTS, SHARED_CACHES, STRICT_FREE, CACHE_BYTES, SPARE_SEGMENTS);
    }

    @Override
    public MidPool create(BoxContext context) {
        int shared = (int) context.config().number(SHARED_CACHES);
        return new MidPages(context, context.config().number(MAX_SIZE),
                shared == 0 ? Runtime.getRuntime().availableProcessors() : shared,
                (int) context.config().number(MAX_SEGMENTS), context.config().flag(STRICT_FREE),
                context.config().number(CACHE_BYTES), (int) context.config().number(SPARE_SEGMENTS));
    }
}
