package org.hakmem.bench;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.hakmem.bench.scenarios.AlignedScenario;
import org.hakmem.bench.scenarios.ColdChurnScenario;
import org.hakmem.bench.scenarios.FixedSizeScenario;
import org.hakmem.bench.scenarios.GlibcThreadLikeScenario;
import org.hakmem.bench.scenarios.MidScenario;
import org.hakmem.bench.scenarios.RandomMixedScenario;
import org.hakmem.bench.scenarios.ReallocHeavyScenario;
import org.hakmem.bench.scenarios.TinyHotScenario;
import org.hakmem.bench.scenarios.VmScenario;
import org.hakmem.bench.scenarios.WebServerMixScenario;
import org.hakmem.bench.scenarios.Workset;

/**
 * One allocator on one single-threaded scenario, for {@link SideBySide}: opens the scenario as JMH's set-up would and
 * runs its benchmark method a given number of times per call, returning the nanoseconds that took. Each instance
 * lives in a class loader of its own, so its call sites see one allocator only, as in a JMH fork. The JDK interfaces
 * it implements are what crosses the loaders. Owns that loop; never reports anything.
 */
public final class ChunkRunner implements LongUnaryOperator, AutoCloseable {

    private final Scenario scenario;
    private final Workset state;

    /**
     * @param label      a single-threaded scenario's name (vm, vmWrites, fixedSize, ...)
     * @param parameters some of the scenario's JMH parameters (size, workset; alignment) as text; the others take
     *                   the default run's values
     */
    public ChunkRunner(String label, String allocator, Map<String, String> parameters) {
        this.scenario = singleThreaded(label);
        this.state = newState(scenario);
        try {
            for (Map.Entry<String, String> parameter : effective(scenario, parameters).entrySet()) {
                set(state, parameter.getKey(), parameter.getValue());
            }
            set(state, "allocator", allocator);
        } catch (ReflectiveOperationException | NumberFormatException bad) {
            // parameters were checked by effective(): only a malformed number gets here
            throw new IllegalArgumentException(label + ": cannot set " + parameters + ": " + bad.getMessage(), bad);
        }
        state.openOutsideJmh();
    }

    /** The scenarios this runner takes: those of one thread. */
    static Scenario singleThreaded(String label) {
        for (Scenario scenario : Scenario.values()) {
            if (scenario.label().equals(label) && !scenario.multiThreaded()) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("no single-threaded scenario called " + label);
    }

    private static Workset newState(Scenario scenario) {
        return switch (scenario) {
            case VM, VM_WRITES -> new VmScenario();
            case COLD_CHURN -> new ColdChurnScenario();
            case FIXED_SIZE -> new FixedSizeScenario();
            case RANDOM_MIXED -> new RandomMixedScenario();
            case TINY_HOT -> new TinyHotScenario();
            case MID -> new MidScenario();
            case GLIBC_THREAD_LIKE -> new GlibcThreadLikeScenario();
            case WEB_SERVER_MIX -> new WebServerMixScenario();
            case REALLOC_HEAVY -> new ReallocHeavyScenario();
            case ALIGNED -> new AlignedScenario();
            default -> throw new IllegalArgumentException(scenario.label() + " runs on several threads");
        };
    }

    /** The scenario's own parameters: those given, the default run's first value for the others. */
    static Map<String, String> effective(Scenario scenario, Map<String, String> given) {
        Map<String, String> all = new LinkedHashMap<>(scenario.parameterSets(RunLength.DEFAULT).getFirst());
        for (Map.Entry<String, String> parameter : given.entrySet()) {
            if (!all.containsKey(parameter.getKey())) {
                throw new IllegalArgumentException(scenario.label() + " has no parameter " + parameter.getKey()
                        + (all.isEmpty() ? "" : "; it has " + all.keySet()));
            }
            all.put(parameter.getKey(), parameter.getValue());
        }
        return all;
    }

    /** Sets the public field {@code name}: JMH parameters are public fields. */
    private static void set(Workset state, String name, String value) throws ReflectiveOperationException {
        Field field = state.getClass().getField(name);
        if (field.getType() == int.class) {
            field.setInt(state, Integer.parseInt(value));
        } else if (field.getType() == long.class) {
            field.setLong(state, Long.parseLong(value));
        } else {
            field.set(state, value);
        }
    }

    /** Runs {@code ops} ops; returns how many nanoseconds they took. */
    @Override
    public long applyAsLong(long ops) {
        long start = System.nanoTime();
        switch (scenario) {
            case VM -> {
                VmScenario vm = (VmScenario) state;
                for (long i = 0; i < ops; i++) {
                    vm.vm();
                }
            }
            case VM_WRITES -> {
                VmScenario vm = (VmScenario) state;
                for (long i = 0; i < ops; i++) {
                    vm.vmWrites();
                }
            }
            case COLD_CHURN -> {
                ColdChurnScenario churn = (ColdChurnScenario) state;
                for (long i = 0; i < ops; i++) {
                    churn.coldChurn();
                }
            }
            case FIXED_SIZE -> {
                FixedSizeScenario fixed = (FixedSizeScenario) state;
                for (long i = 0; i < ops; i++) {
                    fixed.fixedSize();
                }
            }
            case RANDOM_MIXED -> {
                RandomMixedScenario mixed = (RandomMixedScenario) state;
                for (long i = 0; i < ops; i++) {
                    mixed.randomMixed();
                }
            }
            case TINY_HOT -> {
                TinyHotScenario hot = (TinyHotScenario) state;
                for (long i = 0; i < ops; i++) {
                    hot.tinyHot();
                }
            }
            case MID -> {
                MidScenario mid = (MidScenario) state;
                for (long i = 0; i < ops; i++) {
                    mid.mid();
                }
            }
            case GLIBC_THREAD_LIKE -> {
                GlibcThreadLikeScenario like = (GlibcThreadLikeScenario) state;
                for (long i = 0; i < ops; i++) {
                    like.glibcThreadLike();
                }
            }
            case WEB_SERVER_MIX -> {
                WebServerMixScenario web = (WebServerMixScenario) state;
                for (long i = 0; i < ops; i++) {
                    web.webServerMix();
                }
            }
            case REALLOC_HEAVY -> {
                ReallocHeavyScenario realloc = (ReallocHeavyScenario) state;
                for (long i = 0; i < ops; i++) {
                    realloc.reallocHeavy();
                }
            }
            case ALIGNED -> {
                AlignedScenario aligned = (AlignedScenario) state;
                for (long i = 0; i < ops; i++) {
                    aligned.aligned();
                }
            }
            default -> throw new IllegalStateException(scenario.label());
        }
        return System.nanoTime() - start;
    }

    /** Frees every live block and closes the allocator, checking what the scenario checks at the end of a trial. */
    @Override
    public void close() {
        state.close();
    }
}
