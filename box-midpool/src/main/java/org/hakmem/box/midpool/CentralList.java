package org.hakmem.box.midpool;

import java.util.ArrayDeque;
import org.hakmem.api.spi.MidHeader;

/**
 * The blocks of one class that no thread caches: its spans, those with a free block listed. Threads' caches take
 * and give back blocks here in batches, under this list's lock, so a lock is taken once per batch, never per
 * malloc or free. Keeps one emptied span back (a workset hovering at a span's worth would otherwise give a span back
 * and carve it again every other batch); gives the others back to {@link Segments}.
 */
final class CentralList {

    private final int sizeClass;
    private final int pages;
    private final Segments segments;
    /** Guarded by this: the spans with a free block; blocks come from the front one, new spans go to the front. */
    private final ArrayDeque<Span> withFree = new ArrayDeque<>();
    /** Guarded by this: blocks out of spans, in caches or live. */
    private long out;
    /** Guarded by this: batches taken and given back. */
    private long takes;
    private long givebacks;
    private int spans;
    /** Whether no span has a free block: written under this list's lock, read without it by {@link #mustCarve}. */
    private volatile boolean dry = true;

    CentralList(int sizeClass, Segments segments) {
        this.sizeClass = sizeClass;
        this.pages = Span.pagesFor(sizeClass);
        this.segments = segments;
    }

    /** Takes up to {@code count} blocks (at least one) into {@code into} from {@code at} on; returns how many. */
    synchronized int take(long[] into, int at, int count) {
        int taken = 0;
        while (taken < count) {
            Span span = withFree.peekFirst();
            if (span == null) {
                if (taken > 0) {
                    break;
                }
                span = segments.carve(sizeClass, pages);
                spans++;
                span.listed = true;
                withFree.addFirst(span);
            }
            into[at + taken++] = span.take();
            if (!span.hasFree()) {
                withFree.pollFirst();
                span.listed = false;
            }
        }
        out += taken;
        takes++;
        dry = withFree.isEmpty();
        return taken;
    }

    /** Gives back {@code count} claimed blocks of this class from {@code from}, starting at {@code at}. */
    synchronized void giveBack(long[] from, int at, int count) {
        for (int i = at; i < at + count; i++) {
            long address = from[i];
            Span span = segments.spanOf(address);
            span.put(address);
            if (!span.listed) {
                span.listed = true;
                withFree.addLast(span);
            }
            if (span.used == 0 && withFree.size() > 1) {
                withFree.remove(span);
                span.listed = false;
                spans--;
                segments.release(span);
            }
        }
        out -= count;
        givebacks++;
        dry = withFree.isEmpty();
    }

    /** Whether the next {@link #take} would carve a new span (a moment's view: the lists change under their lock). */
    boolean mustCarve() {
        return dry;
    }

    /** Usable bytes of the blocks out of this class's spans. */
    synchronized long outBytes() {
        return out * MidHeader.usableSize(sizeClass);
    }

    synchronized long takes() {
        return takes;
    }

    synchronized long givebacks() {
        return givebacks;
    }

    synchronized int spans() {
        return spans;
    }
}
