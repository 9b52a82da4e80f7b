package org.hakmem.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Disabled;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.hakmem.api.Allocator;
import org.hakmem.api.Mode;

/**
 * Owns the model-based property tests: random sequences of malloc, calloc, alignedAlloc, realloc and free (sizes
 * mostly tiny, some mid, rarely large) run against a Java-side model of the live blocks. After every call: no two live
 * blocks overlap ({@code [address, address + usableSize)}, kept in a sorted map), every address is 8-byte aligned and
 * a multiple of the alignment asked for, usableSize covers the request, calloc memory is zero, and every block keeps
 * the pattern written over its whole usable size (checked before each free and realloc, and for the new block's
 * neighbours); a realloc keeps the first min(old, new) bytes. In the end bytesLive returns to where it started and
 * close() leaves nothing mapped. jqwik shrinks a failing sequence to a short one and prints its seed.
 *
 * <p>{@code -Dhakmem.stress.long=true} makes the sequences ten times longer.
 */
class AllocatorModelPropertyTest {

    private static final int TRIES = 600;
    private static final int MAX_OPS = Boolean.getBoolean("hakmem.stress.long") ? 2_000 : 200;
    /** Neighbours bigger than this are checked only when they are freed or resized, to keep each try cheap. */
    private static final long NEIGHBOUR_CHECK_LIMIT = 64 * 1024;

    enum Kind { MALLOC, CALLOC, ALIGNED_ALLOC, REALLOC, FREE }

    /**
     * One call. {@code pick} chooses the live block a realloc or free works on (modulo their number) and the calloc
     * element size; {@code alignmentShift} is log2 of alignedAlloc's alignment.
     */
    record Op(Kind kind, long size, int pick, int alignmentShift) {
        @Override
        public String toString() {
            return switch (kind) {
                case MALLOC -> "malloc(" + size + ")";
                case CALLOC -> "calloc(" + size + " B in elements of " + elementSize() + ")";
                case ALIGNED_ALLOC -> "alignedAlloc(" + (1L << alignmentShift) + ", " + size + ")";
                case REALLOC -> "realloc(#" + pick + ", " + size + ")";
                case FREE -> "free(#" + pick + ")";
            };
        }

        long elementSize() {
            return 1L << (pick % 5);
        }
    }

    @Property(tries = TRIES)
    void minimalModeKeepsBlocksDisjointAlignedAndIntact(@ForAll("sequences") List<Op> ops) {
        run(Mode.MINIMAL, ops);
    }

    @Property(tries = TRIES)
    void balancedModeKeepsBlocksDisjointAlignedAndIntact(@ForAll("sequences") List<Op> ops) {
        run(Mode.BALANCED, ops);
    }

    @Property(tries = TRIES)
    void fastModeKeepsBlocksDisjointAlignedAndIntact(@ForAll("sequences") List<Op> ops) {
        run(Mode.FAST, ops);
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(30, Kind.MALLOC), Tuple.of(10, Kind.CALLOC),
                Tuple.of(10, Kind.ALIGNED_ALLOC), Tuple.of(20, Kind.REALLOC), Tuple.of(30, Kind.FREE));
        Arbitrary<Long> sizes = Arbitraries.frequencyOf(
                Tuple.of(85, Arbitraries.longs().between(0, 1100)),
                Tuple.of(13, Arbitraries.longs().between(1101, 40 * 1024)),
                Tuple.of(2, Arbitraries.longs().between(40 * 1024 + 1, 3 << 20)));
        Arbitrary<Integer> picks = Arbitraries.integers().between(0, 1 << 16).withoutEdgeCases();
        Arbitrary<Integer> alignmentShifts = Arbitraries.frequencyOf(
                Tuple.of(90, Arbitraries.integers().between(0, 12)),
                Tuple.of(10, Arbitraries.integers().between(13, 21)));
        // Uniform lengths: jqwik's default favours short lists, and most bugs need a few live blocks first.
        return Combinators.combine(kinds, sizes, picks, alignmentShifts).as(AllocatorModelPropertyTest::op).list()
                .ofMinSize(1).ofMaxSize(MAX_OPS).withSizeDistribution(RandomDistribution.uniform());
    }

    private static Op op(Kind kind, long size, int pick, int alignmentShift) {
        return new Op(kind, size, pick, alignmentShift);
    }

    /**
     * A bug the properties above found: with more than a page of alignment the mapped path mapped
     * {@code alignUp(size + alignment, page)} bytes, so a 0-byte block on a base that was already aligned started at
     * the very end of its own mapping; when a SuperSlab followed, the block could never be freed (INTERIOR_POINTER).
     */
    @Example
    void zeroByteBlocksWithMoreThanAPageOfAlignmentCanBeFreed() {
        try (Allocator hakmem = Allocators.isolated(Mode.BALANCED).build()) {
            long tiny = hakmem.malloc(16); // a SuperSlab, whose trimmed head leaves an aligned hole just below it
            for (int i = 0; i < 200; i++) {
                long alignment = 1L << (13 + i % 9); // 8 KiB to 2 MiB: the mapped path
                long block = hakmem.alignedAlloc(alignment, 0);
                check(block % alignment == 0, "alignedAlloc(" + alignment + ", 0) = 0x" + Long.toHexString(block));
                hakmem.free(block);
            }
            hakmem.free(tiny);
            check(hakmem.stats().bytesLive() == 0, "bytesLive " + hakmem.stats().bytesLive() + " after every free");
        }
    }

    private static void run(Mode mode, List<Op> ops) {
        Allocator hakmem = Allocators.isolated(mode).build();
        try {
            Model model = new Model(hakmem);
            long liveAtStart = hakmem.stats().bytesLive();
            for (int i = 0; i < ops.size(); i++) {
                model.apply(ops.get(i), "op " + i + " " + ops.get(i));
            }
            long live = hakmem.stats().bytesLive();
            check(live >= liveAtStart + model.usableBytes, "bytesLive " + live + " does not cover the "
                    + model.usableBytes + " usable bytes of the " + model.byAddress.size() + " live blocks");
            model.freeAll();
            check(hakmem.stats().bytesLive() == liveAtStart, "bytesLive " + hakmem.stats().bytesLive()
                    + " after every block was freed, " + liveAtStart + " at the start");
        } finally {
            hakmem.close();
        }
        check(hakmem.stats().bytesMapped() == 0, "bytesMapped " + hakmem.stats().bytesMapped() + " after close");
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError(problem);
        }
    }

    /** A live block as the model knows it. */
    private record Live(long address, long requested, long usable, long seed) {
        long end() {
            return address + Math.max(usable, 1); // a 0-byte block still owns its address
        }

        @Override
        public String toString() {
            return "0x" + Long.toHexString(address) + " (" + requested + " B asked, " + usable + " usable)";
        }
    }

    /** The live blocks, by address and in allocation order, with the patterns they must hold. */
    private static final class Model {
        final Allocator hakmem;
        final TreeMap<Long, Live> byAddress = new TreeMap<>();
        final List<Live> inOrder = new ArrayList<>();
        long usableBytes;
        long seeds;

        Model(Allocator hakmem) {
            this.hakmem = hakmem;
        }

        void apply(Op op, String step) {
            switch (op.kind()) {
                case MALLOC -> add(hakmem.malloc(op.size()), op.size(), 1, step);
                case CALLOC -> {
                    long count = op.size() / op.elementSize();
                    long requested = count * op.elementSize();
                    long address = hakmem.calloc(count, op.elementSize());
                    long nonZero = BlockPatterns.firstNonZero(address, requested);
                    check(nonZero < 0, step + ": byte " + nonZero + " of 0x" + Long.toHexString(address)
                            + " is not zero");
                    add(address, requested, 1, step);
                }
                case ALIGNED_ALLOC -> {
                    long alignment = 1L << op.alignmentShift();
                    add(hakmem.alignedAlloc(alignment, op.size()), op.size(), alignment, step);
                }
                case REALLOC -> {
                    if (inOrder.isEmpty()) {
                        add(hakmem.realloc(0, op.size()), op.size(), 1, step);
                        return;
                    }
                    Live old = remove(op.pick(), step);
                    long moved = hakmem.realloc(old.address(), op.size());
                    long kept = Math.min(old.requested(), op.size());
                    long difference = BlockPatterns.firstDifference(moved, kept, old.seed());
                    check(difference < 0, step + ": " + old + " moved to 0x" + Long.toHexString(moved)
                            + " lost the byte at offset " + difference + " of the " + kept + " it had to keep");
                    add(moved, op.size(), 1, step);
                }
                case FREE -> {
                    if (!inOrder.isEmpty()) {
                        hakmem.free(remove(op.pick(), step).address());
                    }
                }
            }
        }

        /** Checks a block the allocator just returned against the model, then records and stamps it. */
        void add(long address, long requested, long alignment, String step) {
            String block = "0x" + Long.toHexString(address);
            check(address != 0, step + " returned 0");
            check(address % 8 == 0, step + ": " + block + " is not 8-byte aligned");
            check(address % alignment == 0, step + ": " + block + " is not a multiple of " + alignment);
            long usable = hakmem.usableSize(address);
            check(usable >= requested, step + ": usableSize(" + block + ") = " + usable + " < " + requested);
            Live live = new Live(address, requested, usable, ++seeds);
            check(!byAddress.containsKey(address), step + ": " + block + " is already live");
            Map.Entry<Long, Live> lower = byAddress.lowerEntry(address);
            check(lower == null || lower.getValue().end() <= address, step + ": " + live + " overlaps "
                    + (lower == null ? "" : lower.getValue()));
            Map.Entry<Long, Live> higher = byAddress.higherEntry(address);
            check(higher == null || live.end() <= higher.getKey(), step + ": " + live + " overlaps "
                    + (higher == null ? "" : higher.getValue()));
            // The neighbours are the blocks a wrong size or offset would have handed out over: still intact?
            if (lower != null && lower.getValue().usable() <= NEIGHBOUR_CHECK_LIMIT) {
                assertIntact(lower.getValue(), step + ", lower neighbour");
            }
            if (higher != null && higher.getValue().usable() <= NEIGHBOUR_CHECK_LIMIT) {
                assertIntact(higher.getValue(), step + ", higher neighbour");
            }
            BlockPatterns.fill(address, usable, live.seed());
            byAddress.put(address, live);
            inOrder.add(live);
            usableBytes += usable;
        }

        /** Takes the picked block out of the model after checking its usable size and every byte of it. */
        Live remove(int pick, String step) {
            int index = pick % inOrder.size();
            Live live = inOrder.get(index);
            inOrder.set(index, inOrder.get(inOrder.size() - 1));
            inOrder.remove(inOrder.size() - 1);
            byAddress.remove(live.address());
            usableBytes -= live.usable();
            check(hakmem.usableSize(live.address()) == live.usable(), step + ": usableSize of " + live
                    + " changed to " + hakmem.usableSize(live.address()));
            assertIntact(live, step);
            return live;
        }

        void assertIntact(Live live, String step) {
            long difference = BlockPatterns.firstDifference(live.address(), live.usable(), live.seed());
            check(difference < 0, step + ": " + live + " changed at offset " + difference);
        }

        void freeAll() {
            while (!inOrder.isEmpty()) {
                hakmem.free(remove(inOrder.size() - 1, "final free").address());
            }
        }
    }
}
