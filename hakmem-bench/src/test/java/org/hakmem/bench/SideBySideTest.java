package org.hakmem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The side-by-side run: its table, its median and quantiles, and its answers to a bad command line. */
class SideBySideTest {

    @Test
    void runsEachAllocatorInItsOwnLoaderAndComparesTheOthersWithTheFirst() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = SideBySide.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--scenario", "fixedSize",
                "--param", "size=64", "--allocators", "hakmem,glibc", "--rounds", "4", "--chunk-millis", "1");
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.startsWith("side by side: fixedSize size=64 workset=256; 2 variants"), output);
        List<String> rows = output.lines().filter(line -> line.startsWith("hakmem ") || line.startsWith("glibc "))
                .toList();
        assertEquals(2, rows.size(), output);
        assertTrue(rows.get(0).endsWith("1.00x (1.00-1.00)"), "the first against itself: " + rows.get(0));
        for (String row : rows) {
            double nanosPerOp = Double.parseDouble(row.trim().split("\\s+")[1]);
            assertTrue(nanosPerOp > 0, row);
        }
    }

    @Test
    void severalScenariosRunEveryAllocatorOnEachAndCompareWithinTheScenario() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = SideBySide.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--scenario",
                "tinyHot,fixedSize", "--allocators", "hakmem,glibc", "--rounds", "3", "--chunk-millis", "1");
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        for (String row : List.of("tinyHot hakmem ", "tinyHot glibc ", "fixedSize hakmem ", "fixedSize glibc ")) {
            assertEquals(1, output.lines().filter(line -> line.startsWith(row)).count(), row + " in\n" + output);
        }
        for (String first : List.of("tinyHot hakmem ", "fixedSize hakmem ")) {
            String row = output.lines().filter(line -> line.startsWith(first)).findFirst().orElseThrow();
            assertTrue(row.endsWith("1.00x (1.00-1.00)"), "each scenario's first against itself: " + row);
        }
    }

    @Test
    void threadedScenariosCountEveryOpOfTheCallAndSkipAllocatorsConfinedToOneThread() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = SideBySide.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--scenario", "mid2t",
                "--allocators", "hakmem,arena", "--rounds", "2", "--chunk-millis", "1");
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.contains("note: arena skipped on mid2t: its blocks are confined to one thread"), output);
        String row = output.lines().filter(line -> line.startsWith("hakmem ")).findFirst().orElseThrow();
        double nanosPerOp = Double.parseDouble(row.trim().split("\\s+")[1]);
        // One call is 2 x 32768 ops of a few ns to a few hundred: per call it would be milliseconds.
        assertTrue(nanosPerOp > 0 && nanosPerOp < 10_000, row);
    }

    @Test
    void badCommandLinesExitWithTwo() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, SideBySide.run(quiet, "--allocators", "hakmem"), "no scenario");
        assertEquals(2, SideBySide.run(quiet, "--scenario", "vm"), "no allocators");
        assertEquals(2, SideBySide.run(quiet, "--scenario", "jsonParse", "--allocators", "hakmem"), "no such");
        assertEquals(2, SideBySide.run(quiet, "--scenario", "vm", "--allocators", "hakmem", "--rounds", "0"));
        assertEquals(2, SideBySide.run(quiet, "--scenario", "vm", "--allocators", "hakmem", "--param", "size=16"));
        assertEquals(2, SideBySide.run(quiet, "--scenario", "vm", "--allocators", "hakmem", "--rounds"));
        assertEquals(2, SideBySide.run(quiet, "--scenario", "vm", "--allocators", "hakmem,jemalloc"), "unknown name");
        assertEquals(2, SideBySide.run(quiet, "--scenario", "vm", "--allocators", "hakmem@/no/such/build.jar"));
    }

    @Test
    void quantilesAreNearestRank() {
        double[] values = {5, 1, 4, 2, 3};
        assertEquals(3, SideBySide.median(values));
        assertEquals(2, SideBySide.quantile(values, 0.25));
        assertEquals(4, SideBySide.quantile(values, 0.75));
        assertEquals(5, SideBySide.quantile(values, 1.0));
    }
}
