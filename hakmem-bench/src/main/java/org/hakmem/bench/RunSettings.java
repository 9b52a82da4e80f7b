package org.hakmem.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The runner's command line: {@code [--quick | --full] [--filter REGEX] [--allocators a,b,...] [--report-dir DIR]}.
 * Owns parsing and the usage text; never runs anything.
 *
 * @param allocators the names asked for, empty for "every one available"
 */
record RunSettings(RunLength length, Pattern filter, List<String> allocators, Path reportDirectory, boolean help) {

    static final String USAGE = """
            usage: hakmem bench [--quick | --full] [--filter REGEX] [--allocators NAME,...] [--report-dir DIR]
              (default)         every scenario, about 14 minutes: 1 fork, 2 x 1 s warmup, 4 x 0.5 s measured; the
                                mid-range scenarios 1 x 0.5 s warmup, 4 x 0.25 s measured, on a short allocator list
              --quick           a smoke test (numbers are not to be quoted)
              --full            every parameter and allocator, 2 forks, 3 x 1 s warmup, 5 x 1 s measured: nearly
                                two hours
              --filter REGEX    only scenarios whose name matches (vm, coldChurn, fixedSize, randomMixed, tinyHot,
                                larson, producerConsumer, mid, glibcThreadLike, webServerMix, reallocHeavy, aligned;
                                the two-thread ones end in 2t, e.g. mid2t)
              --allocators LIST only these allocators, e.g. hakmem,glibc,hakmem-minimal
              --report-dir DIR  where bench.csv and bench.md go (default: target/hakmem-report)
            hakmem is configured as usual: HAKMEM_* environment variables and -Dhakmem.* properties reach every fork.
            """;

    /** @throws IllegalArgumentException for a flag it does not know or a missing or malformed value */
    static RunSettings parse(String... args) {
        RunLength length = RunLength.DEFAULT;
        Pattern filter = Pattern.compile("");
        List<String> allocators = new ArrayList<>();
        Path reportDirectory = Path.of("target", "hakmem-report");
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> length = RunLength.QUICK;
                case "--full" -> length = RunLength.FULL;
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
        return new RunSettings(length, filter, List.copyOf(allocators), reportDirectory, help);
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
