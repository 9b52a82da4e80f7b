package org.hakmem.bench.scenarios;

import org.hakmem.bench.allocators.CounterSnapshot;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results of one iteration: the operations done and, over the same span, the counter deltas.
 * JMH zeroes them before each iteration; the runner divides each by {@link #operations} to report it per op, except
 * the memory readings, which the last measured iteration sets once ({@link #memorySamples} = 1) and the runner
 * divides by {@link #memorySamples}.
 * Owns these fields (JMH reads every public
 * one, by name: keep them in step with {@link CounterNames}); never reads a counter itself.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class OpCounters {

    public long operations;
    public long minorFaults;
    public long mmapCalls;
    public long munmapCalls;
    public long madviseCalls;
    public long batchFlushes;
    public long bigCacheHits;
    public long memorySamples;
    public long peakLiveBytes;
    public long peakRssBytes;

    void record(CounterSnapshot delta) {
        minorFaults = delta.minorFaults();
        mmapCalls = delta.mmapCalls();
        munmapCalls = delta.munmapCalls();
        madviseCalls = delta.madviseCalls();
        batchFlushes = delta.batchFlushes();
        bigCacheHits = delta.bigCacheHits();
    }
}
