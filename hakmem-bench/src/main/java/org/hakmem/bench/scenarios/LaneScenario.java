package org.hakmem.bench.scenarios;

/**
 * What the mid-range scenarios share: a workset made of one lane of slots per thread, and one allocator for all the
 * threads, as in a real program. With one thread the benchmark thread runs one op of its lane per call. With two, a
 * {@link LanePartner} thread owns the second lane for the whole trial, and one call runs {@link #OPS_PER_LANE} ops on
 * each lane at once. Owns the lanes and the partner thread; never decides sizes or ops, which are the lanes'.
 */
public abstract class LaneScenario extends Workset {

    /** Ops each lane runs per call of a two-thread benchmark: long enough that the two hand-offs cost about 1 %. */
    public static final int OPS_PER_LANE = 32 * 1024;

    /** The benchmark thread's lane. */
    protected Lane first;
    /** The partner's lane; made and filled on the partner thread, read here only after a hand-off. */
    private Lane second;
    private LanePartner partner;

    private final int threads;
    /** Slots per lane. */
    private final int laneSlots;

    protected LaneScenario(int threads, int laneSlots) {
        this.threads = threads;
        this.laneSlots = laneSlots;
    }

    /** 1 or 2. */
    final int threads() {
        return threads;
    }

    /** A new lane over {@code [base, base + laneSlots)}, starting at {@code start} in the sequences. */
    protected abstract Lane lane(int base, int start);

    /** Empty slots between two lanes' ranges of {@code blocks}: 64 bytes, so the lanes write no cache line in common. */
    static final int GAP = 8;

    @Override
    protected final int slots() {
        return threads * laneSlots + (threads - 1) * GAP;
    }

    @Override
    protected final void fill() {
        first = lane(0, 0);
        first.fill();
        if (threads == 2) {
            partner = new LanePartner(() -> {
                second = lane(laneSlots + GAP, Sequences.LENGTH / 2);
                second.fill();
            }, () -> second.run(OPS_PER_LANE));
        }
    }

    /** One op on the benchmark thread's lane (single-thread benchmarks). */
    protected final void oneOp() {
        first.op();
        counters.operations++;
    }

    /** {@link #OPS_PER_LANE} ops on each lane, the two lanes on two threads at once (two-thread benchmarks). */
    protected final void bothLanes() {
        partner.begin();
        first.run(OPS_PER_LANE);
        partner.await();
        counters.operations += 2L * OPS_PER_LANE;
    }

    @Override
    protected final long peakLiveBytes() {
        return first.peakLiveBytes() + (second == null ? 0 : second.peakLiveBytes());
    }

    @Override
    protected final void finish() {
        if (partner != null) {
            partner.stop();
        }
        if (first != null) {
            first.verify();
        }
        if (second != null) {
            second.verify();
        }
    }
}
