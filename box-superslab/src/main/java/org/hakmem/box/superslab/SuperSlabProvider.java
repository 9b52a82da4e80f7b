package org.hakmem.box.superslab;

import java.util.List;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;
import org.hakmem.api.spi.TinyPool;
import org.hakmem.api.spi.TinyPoolProvider;

/** Declares the SuperSlab pool's switches and builds it. */
public final class SuperSlabProvider implements TinyPoolProvider {

    static final Setting DRAIN_INTERVAL = Setting.number("HAKMEM_TINY_SLL_DRAIN_INTERVAL", 2048, 1, 1 << 20,
            "every this many frees onto its free lists a thread owes a drain: at its next slow step (a list found"
                    + " full, a slab run dry) it hands the older half of each list back to the slabs and collects its"
                    + " slabs' remote frees");
    static final Setting MAX_SUPERSLABS = Setting.number("HAKMEM_TINY_MAX_SUPERSLABS", 8192, 1, 1 << 20,
            "at most this many 2 MiB SuperSlabs (8192: 16 GiB of tiny blocks); beyond, libc malloc serves");
    static final Setting STRICT_FREE = Setting.flag("HAKMEM_TINY_STRICT_FREE", true,
            "1 (0 in FAST): a free flips the block header with a compare-and-set, so of two threads racing to free one"
                    + " block exactly one wins; 0: a plain read and write, faster, still naming every double free that"
                    + " does not race")
            .preset("0", Mode.FAST);
    static final Setting SHARED_HEAPS = Setting.number("HAKMEM_TINY_SHARED_HEAPS", 0, 0, 1024,
            "heaps that virtual threads share (0: one per available processor); platform threads get one each");

    @Override
    public String name() {
        return "superslab";
    }

    @Override
    public Slot slot() {
        return Slot.TINY_POOL;
    }

    @Override
    public String description() {
        return "blocks up to 1016 B in 8 classes carved from 2 MiB SuperSlabs; thread-local free lists, lock-free"
                + " per-thread slabs, remote frees";
    }

    @Override
    public List<Setting> settings() {
        return List.of(DRAIN_INTERVAL, MAX_SUPERSLABS, SHARED_HEAPS, STRICT_FREE);
    }

    @Override
    public TinyPool create(BoxContext context) {
        int shared = (int) context.config().number(SHARED_HEAPS);
        return new SuperSlabPool(context, (int) context.config().number(DRAIN_INTERVAL),
                shared == 0 ? Runtime.getRuntime().availableProcessors() : shared,
                (int) context.config().number(MAX_SUPERSLABS), context.config().flag(STRICT_FREE));
    }
}
