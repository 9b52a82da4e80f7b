// Owns: Batch's name, description and settings, and building a MadviseBatch from a BoxContext.
// Must never: hold state of its own or touch memory; ServiceLoader may instantiate it any number of times.
package org.hakmem.box.batch;

import java.util.List;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BatchProvider;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;

/** The default {@link Slot#BATCH} provider, {@code madvise}: gather, MADV_FREE in coalesced runs, munmap when cold. */
public final class MadviseBatchProvider implements BatchProvider {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long TIB = 1024 * 1024 * MIB;

    static final Setting BATCH = Setting.flag("HAKMEM_BATCH", true,
                    "Gather released mappings and madvise them in batches; 0 unmaps every release at once")
            .preset("0", Mode.MINIMAL);
    static final Setting MIN_SIZE = Setting.size("HAKMEM_BATCH_MIN_SIZE", 64 * KIB, 0, TIB,
            "Released mappings shorter than this are unmapped at once instead of gathered");
    static final Setting THRESHOLD = Setting.size("HAKMEM_BATCH_THRESHOLD", 4 * MIB, 0, TIB,
            "Flush once this many bytes have gathered");
    static final Setting MAX_ENTRIES = Setting.number("HAKMEM_BATCH_MAX_ENTRIES", 256, 1, 65_536,
            "Flush once this many mappings have gathered");

    public MadviseBatchProvider() {
    }

    @Override
    public String name() {
        return "madvise";
    }

    @Override
    public Slot slot() {
        return Slot.BATCH;
    }

    @Override
    public String description() {
        return "The only munmapper: gathers released mappings, MADV_FREEs them in coalesced runs, unmaps them once cold";
    }

    @Override
    public List<Setting> settings() {
        return List.of(BATCH, MIN_SIZE, THRESHOLD, MAX_ENTRIES);
    }

    @Override
    public Batch create(BoxContext context) {
        return new MadviseBatch(context);
    }
}
