package org.hakmem.box.ultrahot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.box.ultrahot.RecordingBatch.Released;
import org.junit.jupiter.api.Test;

/**
 * Owns the LineArena: the lines it hands out (aligned, distinct, zeroed, reused), the 64 KiB chunks it maps for them,
 * and handing those chunks to Batch on close. Runs on the real OS layer; the recording Batch unmaps nothing.
 */
class LineArenaTest {

    private static final int LINES_PER_CHUNK = (int) (LineArena.CHUNK / LineArena.LINE);

    private final OsLayer os = OsLayer.create();
    private final RecordingBatch batch = new RecordingBatch();
    private final LineArena arena = new LineArena(os, batch);

    private static boolean isZero(long line) {
        for (int offset = 0; offset < LineArena.LINE; offset += 8) {
            if (NativeMemory.getLong(line + offset) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFilledWith(long line, byte value) {
        for (int offset = 0; offset < LineArena.LINE; offset++) {
            if (NativeMemory.getByte(line + offset) != value) {
                return false;
            }
        }
        return true;
    }

    @Test
    void linesAreAlignedDistinctZeroedAndDoNotOverlap() {
        assertEquals(1024, LINES_PER_CHUNK);
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long line = arena.take();
            assertEquals(0, line % LineArena.LINE, "64-byte aligned: 0x" + Long.toHexString(line));
            assertTrue(isZero(line), "zeroed");
            lines.add(line);
        }
        assertEquals(lines.size(), new HashSet<>(lines).size(), "distinct");
        for (int i = 0; i < lines.size(); i++) {
            NativeMemory.fill(lines.get(i), LineArena.LINE, (byte) (i + 1));
        }
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(isFilledWith(lines.get(i), (byte) (i + 1)), "line " + i + " shares no byte with another");
        }
    }

    @Test
    void aLineGivenBackIsReusedAndZeroedAgain() {
        long kept = arena.take();
        long line = arena.take();
        NativeMemory.fill(kept, LineArena.LINE, (byte) 0x11);
        NativeMemory.fill(line, LineArena.LINE, (byte) 0xff);
        arena.give(line);
        long again = arena.take();
        assertEquals(line, again, "the returned line comes back before a new one is carved");
        assertTrue(isZero(again), "zeroed on reuse");
        assertTrue(isFilledWith(kept, (byte) 0x11), "zeroing the reused line left its neighbour alone");
        assertEquals(1, os.stats().mmapCalls());
    }

    @Test
    void mapsNothingBeforeTheFirstLineAndOneChunkPer1024Lines() {
        assertEquals(0, arena.mappedBytes());
        assertEquals(0, os.stats().mmapCalls());
        Set<Long> lines = new HashSet<>();
        for (int i = 0; i < LINES_PER_CHUNK; i++) {
            lines.add(arena.take());
        }
        assertEquals(LineArena.CHUNK, arena.mappedBytes());
        assertEquals(1, os.stats().mmapCalls());
        long next = arena.take();
        assertTrue(lines.add(next), "the 1025th line is a new one");
        assertTrue(isZero(next));
        assertEquals(2 * LineArena.CHUNK, arena.mappedBytes(), "a second chunk");
        assertEquals(2, os.stats().mmapCalls());
        assertEquals(LINES_PER_CHUNK + 1, lines.size());
    }

    @Test
    void reusedLinesNeedNoNewChunk() {
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < LINES_PER_CHUNK; i++) {
            lines.add(arena.take());
        }
        lines.subList(0, 10).forEach(arena::give);
        for (int i = 0; i < 10; i++) {
            arena.take();
        }
        assertEquals(LineArena.CHUNK, arena.mappedBytes());
        assertEquals(1, os.stats().mmapCalls());
    }

    @Test
    void closeHandsEveryChunkToBatchOnce() {
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < LINES_PER_CHUNK + 300; i++) {
            lines.add(arena.take());
        }
        arena.give(lines.get(5)); // a line given back is still part of its chunk, not released on its own
        assertEquals(List.of(), batch.released(), "nothing released before close");
        arena.close();
        List<Released> released = batch.released();
        assertEquals(2, released.size(), released.toString());
        assertEquals(2, released.stream().map(Released::base).distinct().count());
        for (Released chunk : released) {
            assertEquals(LineArena.CHUNK, chunk.length());
        }
        for (long line : lines) {
            assertTrue(released.stream().anyMatch(c -> line >= c.base() && line + LineArena.LINE <= c.base() + c.length()),
                    "line 0x" + Long.toHexString(line) + " lies in a released chunk");
        }
        assertEquals(0, arena.mappedBytes());
    }

    @Test
    void threadsTakingAtOnceGetDistinctLines() throws Exception {
        int threads = 4;
        int each = 600;
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(arena.take());
                    if (i % 3 == 0) {
                        arena.give(mine.removeLast());
                    }
                }
                return mine;
            });
        }
        Set<Long> all = new HashSet<>();
        int held = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<List<Long>> result : pool.invokeAll(tasks)) {
                held += result.get().size();
                all.addAll(result.get());
            }
        }
        assertEquals(held, all.size(), "no line held by two threads");
        assertTrue(arena.mappedBytes() <= 2 * LineArena.CHUNK, "returned lines were reused: " + arena.mappedBytes());
    }
}
