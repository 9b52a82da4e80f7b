package org.hakmem.box.ultrahot;

import java.util.ArrayList;
import java.util.List;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.Batch;

/**
 * Hands out zeroed, 64-byte aligned native cache lines for the magazines, carved from 64 KiB mappings of the OS
 * layer (never from the allocator itself), and takes them back when a thread's magazine retires. Owns those mappings;
 * gives them to Batch on close. Thread-safe; called only when a heap is born or retires.
 */
final class LineArena {

    static final int LINE = 64;
    static final long CHUNK = 64 * 1024;

    private final OsLayer os;
    private final Batch batch;
    private final List<Long> chunks = new ArrayList<>();
    private final List<Long> returned = new ArrayList<>();
    private long next;
    private long end;

    LineArena(OsLayer os, Batch batch) {
        this.os = os;
        this.batch = batch;
    }

    synchronized long take() {
        if (!returned.isEmpty()) {
            long line = returned.removeLast();
            NativeMemory.fill(line, LINE, (byte) 0);
            return line;
        }
        if (next == end) {
            next = os.mmap(CHUNK); // page-aligned, so every line is cache-line aligned
            end = next + CHUNK;
            chunks.add(next);
        }
        long line = next;
        next += LINE;
        return line;
    }

    synchronized void give(long line) {
        returned.add(line);
    }

    /** Bytes mapped for lines. */
    synchronized long mappedBytes() {
        return chunks.size() * CHUNK;
    }

    synchronized void close() {
        chunks.forEach(chunk -> batch.release(chunk, CHUNK));
        chunks.clear();
        returned.clear();
        next = end = 0;
    }
}
