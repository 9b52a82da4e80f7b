package org.hakmem.box.superslab;

/**
 * Blocks of one slab that another heap freed, handed to the slab's owner in one piece: their indexes in a Java array,
 * so the owner takes them in without reading, one after the other, headers that the freeing thread's core just
 * wrote. Immutable once pushed; never touches a block.
 */
final class RemoteBatch {

    final int[] indexes;
    /** The batch pushed before this one; set before the push publishes it. */
    RemoteBatch next;

    RemoteBatch(int[] indexes) {
        this.indexes = indexes;
    }
}
