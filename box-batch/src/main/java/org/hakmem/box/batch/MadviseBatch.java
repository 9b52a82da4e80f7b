// Owns: the pending list (gathered, not yet advised), the cold set (advised by the last flush, not yet unmapped),
// the flush policy, and every munmap in hakmem.
// Must never: unmap a byte twice, make a syscall while holding its lock, or read or write the memory it is handed.
package org.hakmem.box.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.hakmem.api.os.Advice;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.os.unmap.Munmap;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.Config;

/**
 * Gathers released mappings and releases them in two steps: a flush madvises the gathered ranges (MADV_FREE, so the
 * kernel may reclaim the pages lazily) in coalesced runs, and the next flush unmaps them. Mappings shorter than the
 * minimum size, and every mapping while batching is off, are unmapped at once.
 *
 * <p>Thread-safe. One short lock guards the lists; whoever takes a list out from under it owns those ranges and makes
 * their syscalls after letting go, so releasing threads never wait on a madvise or munmap of another thread.
 */
final class MadviseBatch implements Batch {

    private final OsLayer os;
    private final long pageSize;
    private final boolean batching;
    private final long minSize;
    private final long threshold;
    private final int maxEntries;

    private final LongAdder blocksAdded;
    private final LongAdder flushes;
    private final LongAdder madviseCalls;
    private final LongAdder munmapCalls;
    private final LongAdder bytesReleased;
    /** Gauge: bytes gathered and not yet advised. */
    private final LongAdder bytesPending;
    /** Gauge: bytes advised and not yet unmapped. */
    private final LongAdder bytesCold;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private List<Range> pending = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private long pendingBytes;
    /** Guarded by {@link #lock}: coalesced runs the last flush advised. */
    private List<Range> cold = List.of();
    /** Guarded by {@link #lock}. */
    private boolean closed;

    /** Set once the kernel refuses MADV_FREE (before Linux 4.5); later flushes go straight to MADV_DONTNEED. */
    private volatile boolean freeRefused;

    MadviseBatch(BoxContext context) {
        Config config = context.config();
        os = context.os();
        pageSize = os.pageSize();
        batching = config.flag(MadviseBatchProvider.BATCH);
        minSize = config.number(MadviseBatchProvider.MIN_SIZE);
        threshold = config.number(MadviseBatchProvider.THRESHOLD);
        maxEntries = (int) config.number(MadviseBatchProvider.MAX_ENTRIES);
        var counters = context.counters();
        blocksAdded = counters.counter("blocks_added");
        flushes = counters.counter("flushes");
        madviseCalls = counters.counter("madvise_calls");
        munmapCalls = counters.counter("munmap_calls");
        bytesReleased = counters.counter("bytes_released");
        bytesPending = counters.counter("bytes_pending");
        bytesCold = counters.counter("bytes_cold");
    }

    @Override
    public void release(long base, long length) {
        Range range = new Range(base, pageRounded(base, length));
        blocksAdded.increment();
        if (!batching || range.length() < minSize) {
            unmap(List.of(range));
            return;
        }
        List<Range> full = null;
        boolean afterClose;
        synchronized (lock) {
            afterClose = closed;
            if (!afterClose) {
                pending.add(range);
                pendingBytes += range.length();
                bytesPending.add(range.length());
                if (pendingBytes >= threshold || pending.size() >= maxEntries) {
                    full = takePending();
                }
            }
        }
        if (afterClose) {
            // Nobody will flush again, so it goes at once.
            unmap(List.of(range));
        } else if (full != null) {
            flush(full);
        }
    }

    @Override
    public void releaseUnused(long base, long length) {
        unmap(List.of(new Range(base, pageRounded(base, length))));
    }

    @Override
    public void flush() {
        List<Range> taken;
        synchronized (lock) {
            if (closed || (pending.isEmpty() && cold.isEmpty())) {
                return;
            }
            taken = takePending();
        }
        flush(taken);
    }

    @Override
    public void close() {
        List<Range> taken;
        List<Range> wasCold;
        synchronized (lock) {
            closed = true;
            taken = takePending();
            wasCold = cold;
            cold = List.of();
        }
        bytesPending.add(-Range.total(taken));
        bytesCold.add(-Range.total(wasCold));
        List<Range> all = new ArrayList<>(taken);
        all.addAll(wasCold);
        unmap(Range.coalesce(all));
    }

    /** Whether flushes now skip MADV_FREE because the kernel refused it. */
    boolean usesDontneed() {
        return freeRefused;
    }

    /**
     * Advises {@code taken} in coalesced runs, then unmaps the runs the previous flush advised. When two flushes
     * overlap, whichever swaps second unmaps the other's runs early: still exactly once, just sooner.
     */
    private void flush(List<Range> taken) {
        flushes.increment();
        List<Range> runs = Range.coalesce(taken);
        for (Range run : runs) {
            advise(run);
        }
        long runBytes = Range.total(runs);
        bytesPending.add(-Range.total(taken));
        bytesCold.add(runBytes);
        List<Range> wasCold;
        boolean closedMeanwhile;
        synchronized (lock) {
            closedMeanwhile = closed;
            wasCold = cold;
            cold = closedMeanwhile ? List.of() : runs;
        }
        bytesCold.add(-Range.total(wasCold));
        unmap(wasCold);
        if (closedMeanwhile) {
            // close() ran while this flush was advising: nobody else will ever unmap these runs.
            bytesCold.add(-runBytes);
            unmap(runs);
        }
    }

    private void advise(Range run) {
        if (!freeRefused) {
            madviseCalls.increment();
            if (os.madvise(run.base(), run.length(), Advice.FREE)) {
                return;
            }
            freeRefused = true;
        }
        madviseCalls.increment();
        // If even DONTNEED is refused the pages just stay resident until the munmap, which always follows.
        os.madvise(run.base(), run.length(), Advice.DONTNEED);
    }

    /** The one place in hakmem that calls munmap. */
    private void unmap(List<Range> runs) {
        for (Range run : runs) {
            Munmap.unmap(run.base(), run.length());
            munmapCalls.increment();
            bytesReleased.add(run.length());
        }
    }

    /** Guarded by {@link #lock}: hands the pending list to the caller and starts a new one. */
    private List<Range> takePending() {
        List<Range> taken = pending;
        pending = new ArrayList<>();
        pendingBytes = 0;
        return taken;
    }

    /** The length as the kernel sees it (munmap works in whole pages); rejects ranges that cannot be a mapping. */
    private long pageRounded(long base, long length) {
        if (base == 0 || (base & (pageSize - 1)) != 0) {
            throw new IllegalArgumentException("Batch.release: base 0x" + Long.toHexString(base)
                    + " is not the start of a mapping (page size " + pageSize + ")");
        }
        if (length <= 0 || length > Long.MAX_VALUE - pageSize) {
            throw new IllegalArgumentException("Batch.release: length " + length + " of the mapping at 0x"
                    + Long.toHexString(base) + " is not a valid mapping length");
        }
        return (length + pageSize - 1) & -pageSize;
    }
}
