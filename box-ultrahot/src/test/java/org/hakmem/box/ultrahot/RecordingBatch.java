package org.hakmem.box.ultrahot;

import java.util.ArrayList;
import java.util.List;
import org.hakmem.api.spi.Batch;

/** A Batch that unmaps nothing and remembers every release in order, so tests can see what the line arena hands over. */
final class RecordingBatch implements Batch {

    /** One mapping handed to Batch. */
    record Released(long base, long length) {
    }

    private final List<Released> released = new ArrayList<>();

    @Override
    public synchronized void release(long base, long length) {
        released.add(new Released(base, length));
    }

    @Override
    public void releaseUnused(long base, long length) {
        throw new AssertionError("UltraHot only ever hands over mappings it carved lines from");
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    synchronized List<Released> released() {
        return List.copyOf(released);
    }
}
