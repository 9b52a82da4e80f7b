package org.hakmem.bench;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.function.LongUnaryOperator;
import org.hakmem.bench.allocators.AllocatorCatalog;
import org.hakmem.bench.report.NumberText;

/**
 * {@code ./hakmem sidebyside}: several allocators on one scenario (or a few) in one JVM, each in a class loader of
 * its own (so each keeps its own compiled code and profiles, as in a JMH fork), run in short interleaved chunks in a
 * shuffled order every round. This machine has spells of minutes in which the same loop runs up to 1.7 times slower;
 * JMH runs one allocator after the other and so lets a spell fall on one of them, while here every spell falls on all
 * of them alike. The ratio it reports is the median over the rounds of the per-round ratio, with its quartiles.
 * Owns that schedule and its table; the op itself is the JMH benchmark method, run by {@link ChunkRunner}.
 */
public final class SideBySide {

    static final String USAGE = """
            usage: hakmem sidebyside --scenario NAME[,NAME] --allocators FIRST,OTHER,... [--param KEY=VALUE ...]
                                     [--rounds N] [--chunk-millis M]
              --scenario      a scenario as ./hakmem bench names it (vm, vmWrites, fixedSize, randomMixed, tinyHot,
                              larson, producerConsumer, mid, mid2t, ...); several, comma-separated, run every
                              allocator on each (vm,vmWrites: an allocator against its ceiling)
              --allocators    the allocators as ./hakmem bench names them; the others are compared with the first.
                              NAME@JAR runs NAME from another build's hakmem-bench.jar (a copy saved before a
                              change), so a change can be measured against the code it replaces
              --param         a JMH parameter of the scenario: size=16, workset=256, alignment=64 (the defaults)
              --rounds        measured rounds (default 200; a quarter as many warm up first)
              --chunk-millis  how long each allocator runs per round (default 5)
            """;

    private SideBySide() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    /** Settings of one run: {@code parameters} as given (every scenario has each), in their order. */
    record Settings(List<String> scenarios, List<String> allocators, Map<String, String> parameters, int rounds,
                    int chunkMillis) {

        static Settings parse(String... args) {
            List<String> scenarios = List.of();
            List<String> allocators = List.of();
            Map<String, String> parameters = new LinkedHashMap<>();
            int rounds = 200;
            int chunkMillis = 5;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--scenario" -> scenarios = Arrays.stream(value.split(",")).map(String::strip)
                            .map(name -> ChunkRunner.named(name).label()).toList();
                    case "--allocators" -> allocators = Arrays.stream(value.split(",")).map(String::strip)
                            .filter(name -> !name.isEmpty()).toList();
                    case "--param" -> {
                        int equals = value.indexOf('=');
                        if (equals <= 0) {
                            throw new IllegalArgumentException("--param takes KEY=VALUE, got " + value);
                        }
                        parameters.put(value.substring(0, equals), value.substring(equals + 1));
                    }
                    case "--rounds" -> rounds = positive(flag, value);
                    case "--chunk-millis" -> chunkMillis = positive(flag, value);
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            }
            if (scenarios.isEmpty() || allocators.isEmpty()) {
                throw new IllegalArgumentException("--scenario and --allocators are required");
            }
            for (String scenario : scenarios) {
                ChunkRunner.effective(ChunkRunner.named(scenario), parameters); // refuses one it lacks
            }
            return new Settings(scenarios, allocators, parameters, rounds, chunkMillis);
        }

        /** The parameters the header shows: with one scenario, its defaults too. */
        String shape() {
            Map<String, String> shown = scenarios.size() == 1
                    ? ChunkRunner.effective(ChunkRunner.named(scenarios.getFirst()), parameters) : parameters;
            StringBuilder shape = new StringBuilder();
            shown.forEach((key, value) -> shape.append(' ').append(key).append('=').append(value));
            return shape.toString();
        }

        private static int positive(String flag, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException notNumber) {
                // reported below
            }
            throw new IllegalArgumentException(flag + " takes a positive whole number, got " + value);
        }
    }

    /** One allocator's runner and its measurements. */
    private static final class Variant {
        final String scenario;
        final String allocator;
        final LongUnaryOperator runner;
        /** Ops per call of the runner: more than 1 for the scenarios of several threads. */
        final int opsPerCall;
        final double[] nanosPerOp;
        long calls = 1;

        Variant(String scenario, String allocator, LongUnaryOperator runner, int rounds) {
            this.scenario = scenario;
            this.allocator = allocator;
            this.runner = runner;
            this.opsPerCall = runner instanceof IntSupplier ops ? ops.getAsInt() : 1;
            this.nanosPerOp = new double[rounds];
        }

        /** Runs one chunk; returns its nanoseconds per op. */
        double chunk() {
            return runner.applyAsLong(calls) / ((double) calls * opsPerCall);
        }
    }

    static int run(PrintStream out, String... args) {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println("hakmem sidebyside: " + bad.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        List<Variant> variants = new ArrayList<>();
        try {
            for (String scenario : settings.scenarios()) {
                for (String allocator : settings.allocators()) {
                    LongUnaryOperator runner;
                    try {
                        runner = open(scenario, settings.parameters(), allocator, out);
                    } catch (IllegalArgumentException bad) {
                        System.err.println("hakmem sidebyside: " + allocator + ": " + bad.getMessage());
                        return 2;
                    }
                    if (runner != null) {
                        String label = settings.scenarios().size() > 1 ? scenario + " " + allocator : allocator;
                        variants.add(new Variant(scenario, label, runner, settings.rounds()));
                    }
                }
            }
            if (variants.isEmpty()) {
                System.err.println("hakmem sidebyside: none of the allocators could run here");
                return 1;
            }
            out.printf(Locale.ROOT, "side by side: %s%s; %d variants, each in its own class loader, %d rounds of"
                            + " about %d ms each (order shuffled every round) after %d warmup rounds; JDK %s, %d cores%n",
                    String.join(",", settings.scenarios()), settings.shape(), variants.size(), settings.rounds(),
                    settings.chunkMillis(), warmupRounds(settings), Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            measure(variants, settings);
            out.print(table(variants, settings.rounds()));
            return 0;
        } finally {
            for (Variant variant : variants) {
                if (variant.runner instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception failed) {
                        out.println("note: closing " + variant.allocator + " failed: " + failed);
                    }
                }
            }
        }
    }

    private static int warmupRounds(Settings settings) {
        return Math.max(20, settings.rounds() / 4);
    }

    /**
     * A runner in a fresh class loader over this class path, or over the jar named after an {@code @}; null (with a
     * note) for a peer missing here.
     */
    private static LongUnaryOperator open(String scenario, Map<String, String> parameters, String variant,
                                          PrintStream out) {
        int at = variant.indexOf('@');
        String allocator = at < 0 ? variant : variant.substring(0, at);
        if (ChunkRunner.named(scenario).multiThreaded() && !AllocatorCatalog.sharesAcrossThreads(allocator)) {
            out.println("note: " + allocator + " skipped on " + scenario + ": its blocks are confined to one thread");
            return null;
        }
        URL[] classPath = at < 0 ? classPath() : new URL[] {url(variant.substring(at + 1))};
        ClassLoader loader = new URLClassLoader("sidebyside-" + variant, classPath,
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // the assembly finds its Boxes through the context class loader
        try {
            return (LongUnaryOperator) loader.loadClass(ChunkRunner.class.getName())
                    .getConstructor(String.class, String.class, Map.class)
                    .newInstance(scenario, allocator, parameters);
        } catch (InvocationTargetException failed) {
            Throwable cause = failed.getCause();
            if (cause.getClass().getSimpleName().equals("PeerUnavailableException")) {
                out.println("note: " + allocator + " skipped: " + cause.getMessage());
                return null;
            }
            if (cause instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(bad.getMessage(), bad); // an allocator name nobody knows
            }
            throw new IllegalStateException(allocator + " did not open: " + cause, cause);
        } catch (ClassNotFoundException old) {
            throw new IllegalArgumentException("no " + ChunkRunner.class.getName() + " there: a build from before"
                    + " sidebyside?", old);
        } catch (ReflectiveOperationException broken) {
            throw new IllegalStateException("cannot load " + ChunkRunner.class.getName() + " again", broken);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL[] classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(SideBySide::url)
                .toArray(URL[]::new);
    }

    private static URL url(String path) {
        if (!Files.exists(Path.of(path))) {
            throw new IllegalArgumentException("no such jar or directory: " + path);
        }
        try {
            return Path.of(path).toUri().toURL();
        } catch (MalformedURLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Sizes each chunk to the asked time, warms up, then measures every round in a new order. */
    private static void measure(List<Variant> variants, Settings settings) {
        long chunkNanos = settings.chunkMillis() * 1_000_000L;
        for (Variant variant : variants) {
            double nanos;
            while ((nanos = variant.chunk() * variant.calls * variant.opsPerCall) < chunkNanos / 4
                    && variant.calls < (1L << 40)) {
                variant.calls *= 2;
            }
            variant.calls = Math.max(1, (long) (variant.calls * chunkNanos / Math.max(nanos, 1)));
        }
        Random order = new Random(42);
        List<Variant> shuffled = new ArrayList<>(variants);
        for (int round = 0; round < warmupRounds(settings); round++) {
            Collections.shuffle(shuffled, order);
            for (Variant variant : shuffled) {
                double perCall = variant.chunk() * variant.opsPerCall;
                variant.calls = Math.max(1, (long) (chunkNanos / Math.max(perCall, 0.001)));
            }
        }
        for (int round = 0; round < settings.rounds(); round++) {
            Collections.shuffle(shuffled, order);
            for (Variant variant : shuffled) {
                variant.nanosPerOp[round] = variant.chunk();
            }
        }
    }

    /**
     * One row per allocator and scenario: median ns/op and ops/us, and how the first allocator compares with it on
     * the same scenario.
     */
    private static String table(List<Variant> variants, int rounds) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-28s %10s %10s   %s%n", "allocator",
                "ns/op", "ops/us", "the first allocator vs this: speed ratio, median of the rounds (p25-p75)"));
        for (Variant variant : variants) {
            Variant first = variants.stream().filter(v -> v.scenario.equals(variant.scenario)).findFirst()
                    .orElseThrow();
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = variant.nanosPerOp[round] / first.nanosPerOp[round];
            }
            double median = median(variant.nanosPerOp);
            table.append(String.format(Locale.ROOT, "%-28s %10s %10s   %.2fx (%.2f-%.2f)%n", variant.allocator,
                    NumberText.compact(median), NumberText.compact(1000.0 / median), median(ratios),
                    quantile(ratios, 0.25), quantile(ratios, 0.75)));
        }
        return table.toString();
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** The {@code q} quantile by the nearest rank. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }
}
