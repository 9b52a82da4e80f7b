package org.hakmem.bench.allocators;

import org.hakmem.api.Allocator;
import org.hakmem.api.AllocatorStats;
import org.hakmem.api.spi.Slot;

/**
 * A hakmem pipeline under test: malloc, realloc, aligned allocation and free straight through {@link Allocator},
 * counters from its stats, and a close that checks nothing leaked. Owns that one allocator; never touches the memory.
 * A leak does not fail the benchmark (its numbers stay valid) but is printed loudly, because it is a bug in hakmem.
 */
final class HakmemPipeline implements BenchAllocator {

    private static final String BATCH = Slot.BATCH.id();
    private static final String BIG_CACHE = Slot.BIG_CACHE.id();

    private final String name;
    private final Allocator allocator;

    HakmemPipeline(PipelineRecipe recipe) {
        this.name = recipe.benchName();
        this.allocator = recipe.open();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long malloc(int slot, long size) {
        return allocator.malloc(size);
    }

    @Override
    public long realloc(int slot, long address, long newSize) {
        return allocator.realloc(address, newSize);
    }

    @Override
    public long alignedAlloc(int slot, long alignment, long size) {
        return allocator.alignedAlloc(alignment, size);
    }

    @Override
    public void free(int slot, long address) {
        allocator.free(address);
    }

    @Override
    public CounterSnapshot counters() {
        AllocatorStats stats = allocator.stats();
        return new CounterSnapshot(ProcessFaults.minor(), stats.mmapCalls(), stats.munmapCalls(),
                stats.madviseCalls(), stats.counter(BATCH, "flushes"), stats.counter(BIG_CACHE, "hits"));
    }

    @Override
    public boolean reportsSyscalls() {
        return true;
    }

    @Override
    public void close() {
        long live = allocator.stats().bytesLive();
        if (live != 0) {
            warn("reports " + live + " bytes live after the benchmark freed every block");
        }
        allocator.close();
        long mapped;
        try {
            mapped = allocator.stats().bytesMapped();
        } catch (IllegalStateException closed) {
            warn("refuses stats after close(), so nothing proves its mappings went back to the OS");
            return;
        }
        if (mapped != 0) {
            warn("still has " + mapped + " bytes mapped after close()");
        }
    }

    private void warn(String problem) {
        System.err.println("!!!!!!!! hakmem-bench WARNING: pipeline " + name + " " + problem + " !!!!!!!!");
    }
}
