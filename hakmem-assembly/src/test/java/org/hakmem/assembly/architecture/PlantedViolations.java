// Owns: compiling a planted violation from a Java source string into real class files at test time.
// Must never: write into the build's own output; each planted class gets a fresh directory, deleted when the JVM exits.
package org.hakmem.assembly.architecture;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Planted violations are compiled when the test runs, not with the test sources: JPMS would refuse to compile most of
 * them (a Box calling {@code Munmap} does not compile against the module path, which is the first line of defence).
 * Compiled here against the test's class path, where qualified exports do not hold, they become exactly the class
 * files a class-path build could produce, and the rules must catch them.
 *
 * <p>javac is reached through {@link ToolProvider} (java.base), not {@code javax.tools}: the test sources are compiled
 * into the module {@code org.hakmem.assembly}, which does not read {@code java.compiler} and has no reason to.
 */
final class PlantedViolations {

    private static Path root;

    private PlantedViolations() {
    }

    /**
     * Compiles one class and returns the directory holding its class files (nested classes included).
     *
     * @param className the fully qualified name the source declares
     * @throws IllegalStateException if it does not compile: a planted violation that is not there proves nothing,
     *                               so this must not look like the {@link AssertionError} of a rule that bites
     */
    static Path compile(String className, String source) {
        Path directory = newDirectory(className);
        Path classes = directory.resolve("classes");
        Path sourceFile = directory.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        try {
            Files.writeString(sourceFile, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(
                () -> new IllegalStateException("no javac: the tests must run on a JDK, not a JRE"));
        StringWriter messages = new StringWriter();
        PrintWriter out = new PrintWriter(messages);
        int exitCode = javac.run(out, out, "-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(), "-proc:none", "-Xlint:none", sourceFile.toString());
        if (exitCode != 0) {
            throw new IllegalStateException("planted violation " + className + " does not compile:\n" + messages);
        }
        return classes;
    }

    private static synchronized Path newDirectory(String className) {
        try {
            if (root == null) {
                root = Files.createTempDirectory("hakmem-planted-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            }
            return Files.createDirectory(root.resolve(className));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort at shutdown: a leftover temp directory harms nothing.
        }
    }
}
