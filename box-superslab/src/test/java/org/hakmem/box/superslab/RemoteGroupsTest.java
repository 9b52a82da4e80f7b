package org.hakmem.box.superslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.HashSet;
import java.util.Set;
import org.hakmem.api.spi.TinyHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Remote frees gathered by slab and handed over in batches: every block reaches its own slab's owner, once. */
class RemoteGroupsTest {

    private final Arena arena = Arena.ofConfined();
    private final SuperSlab home = new SuperSlab(0, arena.allocate(2 * Slab.SIZE, Slab.SIZE).address());

    @AfterEach
    void free() {
        arena.close();
    }

    /** A slab of C3 (64-byte blocks) with its first {@code blocks} handed out, as its owner would have done. */
    private Slab slabWithBlocksOut(int which, int blocks) {
        Slab slab = home.slabs[which];
        slab.carve(3);
        for (int i = 0; i < blocks; i++) {
            slab.pop();
        }
        return slab;
    }

    /** Pops every block the slab has on its local list, by index. */
    private static Set<Integer> localIndexes(Slab slab) {
        Set<Integer> indexes = new HashSet<>();
        for (int head = slab.localFree; head != 0; ) {
            indexes.add(head - 1);
            long address = slab.pop();
            assertEquals(slab.header(head - 1) + TinyHeader.SIZE, address);
            head = slab.localFree;
        }
        return indexes;
    }

    @Test
    void blocksOfTwoSlabsInterleavedEachReachTheirOwnSlabAndOnlyWhenFlushed() {
        Slab a = slabWithBlocksOut(0, 600);
        Slab b = slabWithBlocksOut(1, 600);
        RemoteGroups groups = new RemoteGroups();
        Set<Integer> toA = new HashSet<>();
        Set<Integer> toB = new HashSet<>();
        // More than one batch's worth for each slab, so a full group goes early and the rest on the flush.
        for (int i = 0; i < 2 * RemoteGroups.BATCH + 10; i++) {
            groups.add(a, i);
            toA.add(i);
            groups.add(b, 599 - i);
            toB.add(599 - i);
        }
        assertTrue(a.hasRemote(), "a full group went to its slab before the flush");
        groups.flush();
        assertEquals(toA.size(), a.drainRemote());
        assertEquals(toB.size(), b.drainRemote());
        assertFalse(a.hasRemote());
        assertEquals(600 - toA.size(), a.used, "drained blocks no longer count as out");
        assertEquals(toA, localIndexes(a));
        assertEquals(toB, localIndexes(b));
    }

    /** The remote bitmap covers every block of the smallest class, the first and last word included. */
    @Test
    void aC0SlabTakesRemoteFreesOfAnyOfItsBlocksAndACarveStartsItEmpty() {
        Slab slab = home.slabs[0];
        slab.carve(0);
        while (slab.pop() != 0) {
            // every one of its 8192 blocks out
        }
        RemoteGroups groups = new RemoteGroups();
        Set<Integer> freed = Set.of(0, 63, 64, 4097, slab.capacity - 1);
        freed.forEach(index -> groups.add(slab, index));
        assertFalse(slab.hasRemote(), "nothing reached the slab before the flush");
        groups.flush();
        assertTrue(slab.hasRemote());
        assertEquals(freed.size(), slab.drainRemote());
        assertFalse(slab.hasRemote());
        assertEquals(0, slab.drainRemote(), "drained once");
        assertEquals(freed, localIndexes(slab));
        assertEquals(slab.capacity, slab.used, "the five are out again");
        groups.add(slab, 7);
        groups.flush();
        slab.carve(3); // as the pool would never do with a block out: the carve must forget the pending free
        assertFalse(slab.hasRemote());
        assertEquals(0, slab.drainRemote());
    }

    /**
     * The owner drains while another thread frees: a slab that says it has remote frees has at least one to drain
     * (its refill counts on that), and every block arrives once.
     */
    @Test
    void whileAnotherThreadFreesASlabThatHasRemoteFreesAlwaysDrainsOne() throws InterruptedException {
        Slab slab = home.slabs[0];
        slab.carve(0);
        for (int round = 0; round < 20; round++) {
            while (slab.pop() != 0) {
                // every one of its 8192 blocks out
            }
            Thread freer = Thread.ofPlatform().start(() -> {
                RemoteGroups groups = new RemoteGroups();
                for (int index = 0; index < slab.capacity; index++) {
                    groups.add(slab, index);
                    groups.flush(); // a batch of one: as many pushes as can be
                }
            });
            int drained = 0;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (drained < slab.capacity && System.nanoTime() < deadline) {
                if (slab.hasRemote()) {
                    int now = slab.drainRemote();
                    assertTrue(now > 0, "said it had remote frees, drained none");
                    drained += now;
                }
            }
            freer.join();
            assertEquals(slab.capacity, drained, "round " + round);
            assertEquals(0, slab.used, "every block back");
        }
    }

    @Test
    void moreSlabsThanGroupsFlushEarlyAndLoseNothing() {
        int slabs = RemoteGroups.SLABS + 3;
        SuperSlab big = new SuperSlab(1, arena.allocate(slabs * Slab.SIZE, Slab.SIZE).address());
        RemoteGroups groups = new RemoteGroups();
        for (int s = 0; s < slabs; s++) {
            Slab slab = big.slabs[s];
            slab.carve(3);
            slab.pop();
            slab.pop();
            groups.add(slab, 0);
            groups.add(slab, 1);
        }
        groups.flush();
        for (int s = 0; s < slabs; s++) {
            assertEquals(2, big.slabs[s].drainRemote(), "slab " + s);
            assertEquals(Set.of(0, 1), localIndexes(big.slabs[s]));
        }
    }
}
