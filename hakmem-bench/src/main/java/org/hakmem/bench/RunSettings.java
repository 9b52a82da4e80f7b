package org.hakmem.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The runner's command line: {@code [--quick | --full] [--ab] [--filter REGEX] [--allocators a,b,...]
 * [--report-dir DIR]}. Owns parsing and the usage text; never runs anything.
 *
 * @param ab         {@code --ab}: add the tiny and mid A/B runs (FULL has them anyway)
 * @param allocators the names asked for, empty for "every one available"
 */
record RunSettings(RunLength length, boolean ab, Pattern filter, List<String> allocators, Path reportDirectory,
                   boolean help) {

    static final String USAGE = """
            usage: hakmem bench [--quick | --full] [--ab] [--filter REGEX] [--allocators NAME,...] [--report-dir DIR]
              (default)         every scenario once for hakmem and every peer, and the step run (fixedSize at 16 and
                                256 B, aligned at 64 B): 1 fork, 1 x 0.5 s warmup, 4 x 0.25 s measured; 153
                                benchmarks, about 5 minutes on 2 cores
              --quick           the same on a smoke-test schedule (numbers are not to be quoted), about 3 minutes
              --full            every parameter and allocator, the A/B runs, 2 forks, 3 x 1 s warmup, 5 x 1 s
                                measured: 364 benchmarks, nearly two hours
              --ab              add the tiny and mid A/B runs (hakmem-fast and its variants; 60 benchmarks more)
              --filter REGEX    only scenarios whose name matches (vm, vmWrites, coldChurn, fixedSize, randomMixed, tinyHot,
                                larson, producerConsumer, mid, glibcThreadLike, webServerMix, reallocHeavy, aligned;
                                the two-thread ones end in 2t, e.g. mid2t)
              --allocators LIST only these allocators, e.g. hakmem,glibc,hakmem-minimal; an A/B recipe named here
                                (e.g. hakmem-fast) runs its A/B run without --ab
              --report-dir DIR  where bench.csv and bench.md go (default: target/hakmem-report)
            hakmem is configured as usual: HAKMEM_* environment variables and -Dhakmem.* properties reach every fork.
            """;

    /** Whether the A/B recipes are among the allocators run when none are named: {@code --ab} or FULL. */
    boolean abRuns() {
        return ab || length.abRuns;
    }

    /** The run's length and what it adds, for the console and the report. */
    String describe() {
        String text = length.describe();
        if (allocators.isEmpty()) {
            text += abRuns() ? "; with the A/B runs" : "; without the A/B runs (--ab)";
        }
        return text;
    }

    /** @throws IllegalArgumentException for a flag it does not know or a missing or malformed value */
    static RunSettings parse(String... args) {
        RunLength length = RunLength.DEFAULT;
        Pattern filter = Pattern.compile("");
        List<String> allocators = new ArrayList<>();
        Path reportDirectory = Path.of("target", "hakmem-report");
        boolean ab = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> length = RunLength.QUICK;
                case "--full" -> length = RunLength.FULL;
                case "--ab" -> ab = true;
                case "--filter" -> filter = regex(value(args, ++i, "--filter"));
                case "--allocators" -> {
                    for (String name : value(args, ++i, "--allocators").split(",")) {
                        if (!name.isBlank()) {
                            allocators.add(name.strip());
                        }
                    }
                }
                case "--report-dir" -> reportDirectory = Path.of(value(args, ++i, "--report-dir"));
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new RunSettings(length, ab, filter, List.copyOf(allocators), reportDirectory, help);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static Pattern regex(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException bad) {
            throw new IllegalArgumentException("--filter " + text + " is not a regular expression: "
                    + bad.getDescription());
        }
    }
}
