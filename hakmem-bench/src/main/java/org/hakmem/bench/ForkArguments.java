package org.hakmem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The JVM arguments every JMH fork gets on top of JMH's own: native access for the FFM downcalls, Unsafe memory
 * access for the Unsafe and Netty peers, Netty's production settings, and every {@code -Dhakmem.*} property the
 * runner was started with (HAKMEM_* environment variables reach the forks by inheritance).
 * Owns that list; never starts a JVM.
 */
final class ForkArguments {

    /** The flags the benchmarks cannot run without. */
    static final List<String> REQUIRED = List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");

    /**
     * Netty as it is run for speed: leak detection (a debugging aid that samples allocations) off, and the
     * reflective access that lets its pools allocate chunks without a Cleaner.
     */
    static final List<String> NETTY = List.of(
            "-Dio.netty.leakDetection.level=disabled",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "--add-opens=java.base/java.nio=ALL-UNNAMED");

    private ForkArguments() {
    }

    static List<String> forThisRun() {
        List<String> arguments = new ArrayList<>(REQUIRED);
        arguments.addAll(NETTY);
        for (String name : new TreeSet<>(System.getProperties().stringPropertyNames())) {
            if (name.startsWith("hakmem.")) {
                arguments.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        return arguments;
    }
}
