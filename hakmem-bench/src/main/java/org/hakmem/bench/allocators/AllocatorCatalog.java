package org.hakmem.bench.allocators;

import java.util.ArrayList;
import java.util.List;

/**
 * Every allocator the benchmarks know, by the name used in {@code @Param("allocator")} and in the report, in report
 * order. Owns the names, opening one by name and the self-check that decides whether a peer can run here; never
 * measures anything.
 */
public final class AllocatorCatalog {

    /** The peers, never hakmem: the report's ratio column compares against the best of these. */
    public static final List<String> PEERS =
            List.of("glibc", "mimalloc", "tcmalloc", "unsafe", "arena", "netty-pooled", "netty-adaptive");

    /**
     * Yardsticks, neither hakmem nor peers: they run only when named ({@code --allocators floor}) and never count as
     * a peer's best. "floor" is {@link FloorYardstick}.
     */
    public static final List<String> YARDSTICKS = List.of("floor");

    /** Allocators the several-thread passes leave out ({@link #sharesAcrossThreads} says why). */
    private static final List<String> CONFINED = List.of("arena", "floor");

    private AllocatorCatalog() {
    }

    /** Every name: the hakmem pipelines (configured first, then the steps), then the peers, then the yardsticks. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (PipelineRecipe recipe : PipelineRecipe.values()) {
            names.add(recipe.benchName());
        }
        names.addAll(PEERS);
        names.addAll(YARDSTICKS);
        return names;
    }

    /**
     * Whether blocks may be allocated and freed by several threads. Arena.ofConfined's may not; the floor serves each
     * thread from stacks of its own but has no way back for blocks another thread frees, so producerConsumer would
     * pile them up without end: the bench's several-thread passes leave both out (run the floor there through JMH).
     */
    public static boolean sharesAcrossThreads(String name) {
        return !CONFINED.contains(name);
    }

    /** Whether the report's "vs best peer" column counts this allocator as a peer. */
    public static boolean isPeer(String name) {
        return PEERS.contains(name);
    }

    public static boolean isHakmem(String name) {
        return PipelineRecipe.named(name) != null;
    }

    /** Where the report puts this allocator's rows; unknown names last. */
    public static int order(String name) {
        int index = names().indexOf(name);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /**
     * Opens the allocator called {@code name} for a workset of {@code slots} blocks.
     *
     * @throws PeerUnavailableException when a peer cannot run on this machine or JVM
     * @throws IllegalArgumentException for a name no one knows
     */
    public static BenchAllocator open(String name, int slots) {
        PipelineRecipe recipe = PipelineRecipe.named(name);
        if (recipe != null) {
            return new HakmemPipeline(recipe);
        }
        return switch (name) {
            case "glibc" -> new GlibcPeer();
            case "mimalloc" -> {
                MimallocPeer.requireLibrary();
                yield new MimallocPeer();
            }
            case "tcmalloc" -> {
                TcmallocPeer.requireLibrary();
                yield new TcmallocPeer();
            }
            case "unsafe" -> new UnsafePeer(slots);
            case "arena" -> new ArenaPeer(slots);
            case "netty-pooled" -> NettyPeer.pooled(slots);
            case "netty-adaptive" -> NettyPeer.adaptive(slots);
            case "floor" -> new FloorYardstick();
            default -> throw new IllegalArgumentException("unknown allocator " + name + "; valid choices: "
                    + String.join(", ", names()));
        };
    }

    /**
     * Opens the allocator, mallocs, writes, reads back and frees a small and a 2 MiB block, grows a block by realloc
     * and takes a 4 KiB-aligned one, and closes it: what a benchmark fork would do first. Throws what went wrong; a
     * peer that cannot run throws {@link PeerUnavailableException}.
     */
    public static void selfCheck(String name) {
        try (BenchAllocator allocator = open(name, 2)) {
            check(allocator, 0, 64);
            check(allocator, 1, 2L << 20);
            checkReallocAndAligned(allocator);
            allocator.counters();
        } catch (ExceptionInInitializerError linkage) {
            Throwable cause = linkage.getCause();
            throw cause instanceof PeerUnavailableException unavailable ? unavailable
                    : new PeerUnavailableException(name + " cannot be linked: " + cause, cause);
        }
    }

    private static void checkReallocAndAligned(BenchAllocator allocator) {
        long address = allocator.malloc(0, 64);
        Touch.first(address, (byte) 0x3c);
        address = allocator.realloc(0, address, 40_000);
        Touch.first(address + 40_000 - 1, (byte) 0x3c);
        if (Touch.read(address) != 0x3c) {
            throw new IllegalStateException(allocator.name() + " lost a block's contents in realloc");
        }
        long aligned = allocator.alignedAlloc(1, Touch.PAGE, 100);
        if ((aligned & (Touch.PAGE - 1)) != 0) {
            throw new IllegalStateException(allocator.name() + " returned " + aligned + " for a 4 KiB-aligned block");
        }
        Touch.first(aligned, (byte) 1);
        allocator.free(1, aligned);
        allocator.free(0, address);
    }

    private static void check(BenchAllocator allocator, int slot, long size) {
        long address = allocator.malloc(slot, size);
        if (address == 0 || (address & 7) != 0) {
            throw new IllegalStateException(allocator.name() + " returned address " + address + " for " + size
                    + " bytes");
        }
        Touch.everyPage(address, size, (byte) 0x5a);
        if (Touch.read(address) != 0x5a || Touch.read(address + size - 1) != 0x5a) {
            throw new IllegalStateException(allocator.name() + " lost a write to a block of " + size + " bytes");
        }
        allocator.free(slot, address);
    }
}
