package org.hakmem.box.ultrahot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hakmem.api.spi.StandaloneContext;
import org.hakmem.api.spi.TinyCache;
import org.hakmem.api.spi.TinyFront;
import org.hakmem.box.ultrahot.RecordingBatch.Released;
import org.junit.jupiter.api.Test;

/**
 * Owns the UltraHot front as the pool sees it, built by its provider: one line per cache, the Box's counters, its
 * supply mode, reuse of a retired heap's line and what close hands to Batch. Blocks are never-mapped fake addresses.
 */
class UltraHotFrontTest {

    private static final TinyCache.BlockSink DROP = (address, sizeClass) -> { };

    private final RecordingBatch batch = new RecordingBatch();
    private StandaloneContext context;

    private TinyFront front(boolean stats) {
        context = StandaloneContext.builder().declared(new UltraHotProvider().settings())
                .set("HAKMEM_TINY_ULTRA_HOT_STATS", stats ? "1" : "0").batch(batch).build();
        return new UltraHotProvider().create(context);
    }

    private static long block(int i) {
        return 0x7f00_0000_1000L + 64L * i;
    }

    private long count(String name) {
        return context.count(name);
    }

    @Test
    void stealsFrees() {
        assertEquals(TinyFront.Supply.STEALING, front(false).supply());
    }

    @Test
    void countsItsLinesAndTheBytesMappedForThem() {
        TinyFront front = front(false);
        assertEquals(List.of("lines", "bytes_mapped"), List.copyOf(context.counters().snapshot().keySet()),
                "no hits or misses without the stats switch");
        assertEquals(0, count("lines"));
        assertEquals(0, count("bytes_mapped"));
        TinyCache a = front.newCache();
        TinyCache b = front.newCache();
        assertEquals(2, count("lines"));
        assertEquals(LineArena.CHUNK, count("bytes_mapped"));
        a.retire(DROP);
        assertEquals(1, count("lines"));
        assertEquals(LineArena.CHUNK, count("bytes_mapped"), "a retired line stays mapped for the next heap");
        b.retire(DROP);
        assertEquals(0, count("lines"));
    }

    @Test
    void eachCacheHasItsOwnLine() {
        TinyFront front = front(false);
        TinyCache a = front.newCache();
        TinyCache b = front.newCache();
        assertNotEquals(((HotLine) a).line(), ((HotLine) b).line());
        assertTrue(a.push(block(1), 2));
        assertEquals(0, b.pop(2), "b does not see a's block");
        assertTrue(b.push(block(2), 2));
        assertEquals(block(1), a.pop(2));
        assertEquals(block(2), b.pop(2));
    }

    @Test
    void hitsAndMissesSumEveryLiveLine() {
        TinyFront front = front(true);
        assertEquals(0, count("hits"));
        assertEquals(0, count("misses"));
        TinyCache a = front.newCache();
        TinyCache b = front.newCache();
        a.push(block(1), 2);
        a.pop(2); // hit
        a.pop(2); // miss
        b.push(block(2), 3);
        b.push(block(3), 3);
        b.pop(3); // hit
        b.pop(3); // hit
        b.pop(2); // miss
        b.pop(6); // not UltraHot's class
        assertEquals(3, count("hits"));
        assertEquals(2, count("misses"));
    }

    @Test
    void hitsAndMissesOfARetiredLineAreKept() {
        TinyFront front = front(true);
        TinyCache a = front.newCache();
        TinyCache b = front.newCache();
        a.push(block(1), 2);
        a.pop(2); // hit
        a.pop(3); // miss
        a.push(block(2), 2); // still cached when a's heap retires
        b.pop(2); // miss
        a.retire(DROP);
        assertEquals(1, count("hits"), "a's hit outlives a; retiring is no allocation");
        assertEquals(2, count("misses"));
        front.newCache().pop(3); // a new heap, likely on a's old line, starts from zero: one more miss
        assertEquals(1, count("hits"));
        assertEquals(3, count("misses"));
    }

    @Test
    void aRetiredLineIsReusedEmptyByTheNextCache() {
        TinyFront front = front(false);
        TinyCache a = front.newCache();
        front.newCache();
        a.push(block(1), 2);
        a.push(block(2), 3);
        a.retire(DROP);
        TinyCache c = front.newCache();
        assertEquals(((HotLine) a).line(), ((HotLine) c).line(), "the retired line is handed out again");
        assertEquals(0, c.cachedBytes(), "and it starts empty");
        assertEquals(0, c.pop(2));
        assertEquals(0, c.pop(3));
        assertEquals(LineArena.CHUNK, count("bytes_mapped"));
        assertEquals(2, count("lines"));
    }

    @Test
    void retireHandsTheLinesBlocksToTheSink() {
        TinyFront front = front(false);
        TinyCache a = front.newCache();
        a.push(block(1), 2);
        a.push(block(2), 3);
        a.push(block(3), 3);
        Map<Long, Integer> sunk = new HashMap<>();
        a.retire((address, sizeClass) -> assertNull(sunk.put(address, sizeClass), "given once"));
        assertEquals(Map.of(block(1), 2, block(2), 3, block(3), 3), sunk);
    }

    @Test
    void closeHandsTheMappedChunksToBatch() {
        TinyFront front = front(false);
        long line = ((HotLine) front.newCache()).line();
        front.newCache();
        assertEquals(List.of(), batch.released());
        front.close();
        List<Released> released = batch.released();
        assertEquals(1, released.size(), released.toString());
        assertEquals(LineArena.CHUNK, released.getFirst().length());
        assertTrue(line >= released.getFirst().base() && line < released.getFirst().base() + LineArena.CHUNK);
        assertEquals(0, count("lines"));
        assertEquals(0, count("bytes_mapped"));
    }

    @Test
    void aFrontThatNeverMadeACacheMapsAndReleasesNothing() {
        TinyFront front = front(false);
        front.close();
        assertEquals(List.of(), batch.released());
    }
}
