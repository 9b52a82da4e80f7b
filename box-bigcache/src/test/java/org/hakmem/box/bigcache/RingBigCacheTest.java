package org.hakmem.box.bigcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hakmem.api.spi.StandaloneContext;
import org.hakmem.box.bigcache.RecordingBatch.Released;
import org.junit.jupiter.api.Test;

/** BigCache never touches the memory it holds, so these tests hand it page-aligned addresses that were never mapped. */
class RingBigCacheTest {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private StandaloneContext context;
    private RecordingBatch batch;

    private RingBigCache cache(Map<String, String> overrides) {
        batch = new RecordingBatch();
        context = StandaloneContext.builder().declared(new RingBigCacheProvider().settings()).set(overrides)
                .batch(batch).build();
        return (RingBigCache) new RingBigCacheProvider().create(context);
    }

    private static long address(int i) {
        return 0x7000_0000_0000L + i * 0x1_0000_0000L;
    }

    private long count(String name) {
        return context.count(name);
    }

    private List<Released> released() {
        return batch.released();
    }

    @Test
    void classesStartAtOneMibAndFollowThePageSize() {
        RingBigCache cache = cache(Map.of());
        assertEquals(MIB, cache.minLength());
        assertEquals(MIB, cache.classLength(1));
        assertEquals(MIB, cache.classLength(MIB - 1));
        assertEquals(2 * MIB, cache.classLength(2 * MIB));
        assertEquals(2 * MIB + 512 * KIB, cache.classLength(2 * MIB + 4 * KIB));
        assertEquals(2 * MIB + 512 * KIB, cache.classLength(2 * MIB + 1));
    }

    @Test
    void hitAfterPutAndMissOnAnotherClass() {
        RingBigCache cache = cache(Map.of());
        cache.put(address(1), 2 * MIB);
        assertEquals(2 * MIB, count("bytes_held"));
        assertEquals(0, cache.take(2 * MIB + 512 * KIB), "another class never serves");
        assertEquals(0, cache.take(2 * MIB + 4 * KIB), "a length that is no class is a miss");
        assertEquals(address(1), cache.take(2 * MIB));
        assertEquals(0, cache.take(2 * MIB), "taken once, gone");
        assertEquals(1, count("puts"));
        assertEquals(1, count("hits"));
        assertEquals(3, count("misses"));
        assertEquals(0, count("bytes_held"));
        assertEquals(List.of(), released());
    }

    @Test
    void takeServesTheMostRecentlyPutFirst() {
        RingBigCache cache = cache(Map.of());
        for (int i = 1; i <= 3; i++) {
            cache.put(address(i), 2 * MIB);
        }
        assertEquals(address(3), cache.take(2 * MIB));
        assertEquals(address(2), cache.take(2 * MIB));
        cache.put(address(4), 2 * MIB);
        assertEquals(address(4), cache.take(2 * MIB));
        assertEquals(address(1), cache.take(2 * MIB));
        assertEquals(0, cache.take(2 * MIB));
    }

    @Test
    void aFullRingHandsItsOldestToBatch() {
        RingBigCache cache = cache(Map.of());
        for (int i = 1; i <= 6; i++) {
            cache.put(address(i), 2 * MIB);
        }
        assertEquals(List.of(new Released(address(1), 2 * MIB), new Released(address(2), 2 * MIB)), released(),
                "ring cap 4: the two oldest go, oldest first");
        assertEquals(2, count("evictions"));
        assertEquals(8 * MIB, count("bytes_held"));
        cache.put(address(7), 4 * MIB);
        assertEquals(2, released().size(), "another class has its own ring");
        assertEquals(address(6), cache.take(2 * MIB));
    }

    @Test
    void theRingCapIsASetting() {
        RingBigCache cache = cache(Map.of("HAKMEM_BIGCACHE_RING_CAP", "1"));
        cache.put(address(1), MIB);
        cache.put(address(2), MIB);
        assertEquals(List.of(new Released(address(1), MIB)), released());
        assertEquals(address(2), cache.take(MIB));
    }

    @Test
    void overTheByteCapTheLeastRecentlyPutGoFirstAcrossClasses() {
        RingBigCache cache = cache(Map.of("HAKMEM_BIGCACHE_CAP", "8M"));
        cache.put(address(1), 2 * MIB);
        cache.put(address(2), 4 * MIB);
        cache.put(address(3), 2 * MIB);
        assertEquals(8 * MIB, count("bytes_held"));
        assertEquals(List.of(), released(), "exactly at the cap is allowed");

        cache.put(address(4), 3 * MIB);
        assertEquals(List.of(new Released(address(1), 2 * MIB), new Released(address(2), 4 * MIB)), released(),
                "LRU by put order, whatever the class, until 3 MiB more fit");
        assertEquals(2, count("evictions"));
        assertEquals(5 * MIB, count("bytes_held"));
        assertEquals(address(3), cache.take(2 * MIB));
        assertEquals(address(4), cache.take(3 * MIB));
        assertEquals(0, cache.take(4 * MIB));
    }

    @Test
    void whatCanNeverBeCachedGoesStraightToBatch() {
        RingBigCache cache = cache(Map.of("HAKMEM_BIGCACHE_CAP", "8M"));
        cache.put(address(1), 2 * MIB);
        cache.put(address(2), 10 * MIB);
        cache.put(address(3), 2 * MIB + 4 * KIB);
        cache.put(address(4), 512 * KIB);
        assertEquals(List.of(new Released(address(2), 10 * MIB), new Released(address(3), 2 * MIB + 4 * KIB),
                new Released(address(4), 512 * KIB)), released(), "longer than the cap, no class length, too short");
        assertEquals(3, count("rejects"));
        assertEquals(0, count("evictions"), "nothing cached was pushed out for them");
        assertEquals(2 * MIB, count("bytes_held"));
        assertEquals(4, count("puts"));
    }

    @Test
    void aZeroCapCachesNothing() {
        RingBigCache cache = cache(Map.of("HAKMEM_BIGCACHE_CAP", "0"));
        cache.put(address(1), MIB);
        assertEquals(List.of(new Released(address(1), MIB)), released());
        assertEquals(0, cache.take(MIB));
        assertEquals(0, count("bytes_held"));
    }

    @Test
    void closeHandsEverythingToBatch() {
        RingBigCache cache = cache(Map.of());
        Set<Released> put = new HashSet<>();
        for (int i = 1; i <= 9; i++) {
            long length = cache.classLength(i * MIB);
            cache.put(address(i), length);
            put.add(new Released(address(i), length));
        }
        assertEquals(List.of(), released());
        cache.close();
        assertEquals(put, Set.copyOf(released()));
        assertEquals(put.size(), released().size());
        assertEquals(0, count("bytes_held"));

        assertEquals(0, cache.take(MIB));
        cache.put(address(10), MIB);
        assertEquals(new Released(address(10), MIB), released().getLast(), "after close nothing is kept");
        assertEquals(0, count("bytes_held"));
    }

    @Test
    void refusesWhatCannotBeAMapping() {
        RingBigCache cache = cache(Map.of());
        assertThrows(IllegalArgumentException.class, () -> cache.put(0, MIB));
        assertThrows(IllegalArgumentException.class, () -> cache.put(address(1) + 16, MIB));
        assertThrows(IllegalArgumentException.class, () -> cache.put(address(1), 0));
        assertThrows(IllegalArgumentException.class, () -> cache.classLength(-1));
        assertEquals(0, count("puts"));
        assertEquals(0, cache.take(-1));
    }

    @Test
    void concurrentPutsAndTakesLoseAndDuplicateNothing() throws Exception {
        RingBigCache cache = cache(Map.of("HAKMEM_BIGCACHE_CAP", "64M"));
        int threads = 8;
        int perThread = 500;
        long[] lengths = {MIB, 2 * MIB, 2 * MIB + 512 * KIB, 4 * MIB, 6 * MIB};
        List<Callable<List<Long>>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(() -> {
                List<Long> taken = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    long length = lengths[(thread + i) % lengths.length];
                    cache.put(address(thread * perThread + i + 1), length);
                    if (i % 3 == 0) {
                        long base = cache.take(lengths[(thread + 2 * i) % lengths.length]);
                        if (base != 0) {
                            taken.add(base);
                        }
                    }
                }
                return taken;
            });
        }
        List<Long> taken = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<List<Long>> result : pool.invokeAll(workers)) {
                taken.addAll(result.get());
            }
        }
        assertTrue(count("bytes_held") <= 64 * MIB);
        cache.close();

        Set<Long> seen = new HashSet<>(taken);
        for (Released released : released()) {
            assertTrue(seen.add(released.base()), "handed out twice: 0x" + Long.toHexString(released.base()));
        }
        assertEquals(threads * perThread, seen.size(), "every mapping put is either taken or with Batch");
        assertEquals(threads * perThread, count("puts"));
        assertEquals(taken.size(), count("hits"));
        assertEquals(0, count("bytes_held"));
    }
}
