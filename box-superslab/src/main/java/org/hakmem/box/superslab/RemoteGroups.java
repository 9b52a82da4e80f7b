package org.hakmem.box.superslab;


/**
 * The remote frees one give-back run of a heap gathers, by slab, as a bitmap of block indexes, so each slab gets them
 * with one atomic OR per word of its remote bitmap ({@link Slab#pushRemote}), and nothing allocated. Its owner's
 * thread only; it must be flushed before the run returns, or the blocks it holds would reach no slab. Never touches a
 * block.
 */
final class RemoteGroups {

    /** Slabs gathered at once; a run over more flushes early. */
    static final int SLABS = 8;
    /** Indexes gathered per slab before that slab's batch goes early. */
    static final int BATCH = 256;

    private final Slab[] slabs = new Slab[SLABS];
    private final long[][] bits = new long[SLABS][Slab.REMOTE_WORDS];
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
        bits[group][index >>> 6] |= 1L << index;
        counts[group]++;
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
        slabs[group].pushRemote(bits[group], counts[group]);
        counts[group] = 0;
    }
}
