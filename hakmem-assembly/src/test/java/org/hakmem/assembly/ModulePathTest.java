package org.hakmem.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The other tests of this module run on the class path. This one starts a JVM with every hakmem jar on the MODULE
 * path, where {@code uses}/{@code provides} and the qualified export of munmap to Batch alone are in force.
 */
class ModulePathTest {

    @Test
    void theAssemblyFindsEveryBoxAsANamedModule() throws Exception {
        String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("hakmem-api") || entry.contains("box-")
                        || entry.endsWith("hakmem-assembly" + File.separator + "target" + File.separator + "classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=org.hakmem.api", "-p", modulePath,
                "-m", "org.hakmem.assembly/org.hakmem.assembly.Describe"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("HAKMEM_"));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        for (String module : new String[] {"batch", "bigcache", "externalguard", "frontgate"}) {
            assertTrue(output.contains("module org.hakmem.box." + module), module + " in:\n" + output);
        }
    }
}
