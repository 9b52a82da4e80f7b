package org.hakmem.box.superslab;

import java.util.Arrays;

/**
 * The remote frees one give-back run of a heap gathers, by slab, so each slab gets them as one {@link RemoteBatch}
 * with one compare-and-set. Its owner's thread only; it must be flushed before the run returns, or the blocks it
 * holds would reach no slab. Never touches a block.
 */
final class RemoteGroups {

    /** Slabs gathered at once; a run over more flushes early. */
    static final int SLABS = 8;
    /** Indexes gathered per slab before that slab's batch goes early. */
    static final int BATCH = 256;

    private final Slab[] slabs = new Slab[SLABS];
    private final int[][] indexes = new int[SLABS][BATCH];
    private final int[] counts = new int[SLABS];
    private int groups;

    /** Gathers the free of block {@code index} of {@code slab}, a slab another heap owns or nobody does. */
    void add(Slab slab, int index) {
        int group = 0;
        while (group < groups && slabs[group] != slab) {
            group++;
        }
        if (group == SLABS) {
            flush();
            group = 0;
        }
        if (group == groups) {
            slabs[group] = slab;
            groups++;
        } else if (counts[group] == BATCH) {
            push(group);
        }
        indexes[group][counts[group]++] = index;
    }

    /** Hands every gathered group to its slab. */
    void flush() {
        for (int group = 0; group < groups; group++) {
            push(group);
            slabs[group] = null;
        }
        groups = 0;
    }

    private void push(int group) {
        slabs[group].pushRemote(new RemoteBatch(Arrays.copyOf(indexes[group], counts[group])));
        counts[group] = 0;
    }
}
