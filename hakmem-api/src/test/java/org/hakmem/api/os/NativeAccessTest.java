package org.hakmem.api.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without native access, hakmem fails up front and names the exact flag; with it, the OS layer works. */
class NativeAccessTest {

    /** Run in a child JVM: tries to create the OS layer and prints what happened. */
    public static final class Probe {
        public static void main(String[] args) {
            try {
                System.out.println("page size " + OsLayer.create().pageSize());
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
            }
        }
    }

    @Test
    void withoutTheFlagTheErrorNamesIt() throws Exception {
        String output = runProbe(List.of());
        assertTrue(output.contains("add --enable-native-access=ALL-UNNAMED to the java command line"), output);
    }

    @Test
    void withTheFlagTheOsLayerWorks() throws Exception {
        String output = runProbe(List.of("--enable-native-access=ALL-UNNAMED"));
        assertTrue(output.startsWith("page size "), output);
    }

    @Test
    void theOsLayerReportsRealFacts() {
        OsLayer os = OsLayer.create();
        assertTrue(os.pageSize() >= 4096 && Long.bitCount(os.pageSize()) == 1);
        long mapped = os.mmap(os.pageSize() * 4);
        assertTrue(os.isMapped(mapped, os.pageSize() * 4));
        assertTrue(os.madvise(mapped, os.pageSize() * 4, Advice.DONTNEED));
        assertEquals(1, os.stats().mmapCalls());
        assertEquals(os.pageSize() * 4, os.stats().bytesMappedTotal());
        assertTrue(os.rusage().minorFaults() > 0);
        assertTrue(os.rssBytes() > 0);
    }

    private static String runProbe(List<String> flags) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = "target/classes" + File.pathSeparator + "target/test-classes";
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(flags);
        command.addAll(List.of("-cp", classPath, Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM finished");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
