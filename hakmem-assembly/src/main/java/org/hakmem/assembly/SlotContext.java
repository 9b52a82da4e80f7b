package org.hakmem.assembly;

import java.util.List;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Config;
import org.hakmem.api.spi.Counters;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.TinyFront;

/** What one Box's factory receives. */
record SlotContext(Config config, OsLayer os, Counters counters, BlockTable blocks, RegionTable regions,
                   Batch batchOrNull, List<TinyFront> tinyFronts, long hugePageSize)
        implements BoxContext {

    @Override
    public Batch batch() {
        if (batchOrNull == null) {
            throw new IllegalStateException("Batch is not built yet: only Boxes built after it may release mappings");
        }
        return batchOrNull;
    }
}
