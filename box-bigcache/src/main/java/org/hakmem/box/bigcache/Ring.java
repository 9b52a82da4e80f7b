// Owns: the cached mappings of one size class, newest and oldest ends, with the put sequence number of each.
// Must never: lock, release or unmap anything; RingBigCache calls it under its lock and decides what goes where.
package org.hakmem.box.bigcache;

/** A fixed-capacity circular deque of mapping bases, all of one class length; not thread-safe. */
final class Ring {

    private final long classLength;
    private final long[] bases;
    /** The put sequence number of each base: the global LRU order across rings. */
    private final long[] sequences;
    /** The slot of the oldest entry. */
    private int head;
    private int size;

    Ring(long classLength, int capacity) {
        this.classLength = classLength;
        this.bases = new long[capacity];
        this.sequences = new long[capacity];
    }

    long classLength() {
        return classLength;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean isFull() {
        return size == bases.length;
    }

    /** Adds the newest entry; the ring must not be full. */
    void push(long base, long sequence) {
        int slot = slot(size);
        bases[slot] = base;
        sequences[slot] = sequence;
        size++;
    }

    /** Removes and returns the newest base (LIFO: its pages are the likeliest to be warm); the ring must not be empty. */
    long popNewest() {
        size--;
        return bases[slot(size)];
    }

    /** Removes and returns the oldest base; the ring must not be empty. */
    long popOldest() {
        long base = bases[head];
        head = slot(1);
        size--;
        return base;
    }

    /** The sequence number of the oldest entry; the ring must not be empty. */
    long oldestSequence() {
        return sequences[head];
    }

    private int slot(int offset) {
        return (head + offset) % bases.length;
    }
}
