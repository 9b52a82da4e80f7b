package org.hakmem.bench;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongUnaryOperator;
import org.hakmem.bench.scenarios.AlignedScenario;
import org.hakmem.bench.scenarios.AlignedTwoThreadsScenario;
import org.hakmem.bench.scenarios.ColdChurnScenario;
import org.hakmem.bench.scenarios.FixedSizeScenario;
import org.hakmem.bench.scenarios.GlibcThreadLikeScenario;
import org.hakmem.bench.scenarios.GlibcThreadLikeTwoThreadsScenario;
import org.hakmem.bench.scenarios.LarsonScenario;
import org.hakmem.bench.scenarios.MidScenario;
import org.hakmem.bench.scenarios.MidTwoThreadsScenario;
import org.hakmem.bench.scenarios.ProducerConsumerScenario;
import org.hakmem.bench.scenarios.RandomMixedScenario;
import org.hakmem.bench.scenarios.ReallocHeavyScenario;
import org.hakmem.bench.scenarios.ReallocHeavyTwoThreadsScenario;
import org.hakmem.bench.scenarios.TinyHotScenario;
import org.hakmem.bench.scenarios.VmScenario;
import org.hakmem.bench.scenarios.WebServerMixScenario;
import org.hakmem.bench.scenarios.WebServerMixTwoThreadsScenario;
import org.hakmem.bench.scenarios.Workset;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * One allocator on one scenario, for {@link SideBySide}: opens the scenario as JMH's set-up would and runs its
 * benchmark method a given number of times per call, returning the nanoseconds that took; a multi-threaded
 * scenario's method runs several ops per call on its threads ({@link #getAsInt}, from its
 * {@code @OperationsPerInvocation}). Each instance lives in a class loader of its own, so its call sites see one
 * allocator only, as in a JMH fork. The JDK interfaces it implements are what crosses the loaders. Owns that loop;
 * never reports anything.
 */
public final class ChunkRunner implements LongUnaryOperator, IntSupplier, AutoCloseable {

    private final Scenario scenario;
    private final Workset state;
    private final int opsPerCall;
    /**
     * Never set: read before every call of a benchmark method, as JMH's generated loop reads its volatile
     * {@code isDone}. That read keeps C2 from carrying an allocator's state in registers from one op to the next:
     * without it a throwaway build whose free list top could stay in a register measured 2.4-2.6x the build before
     * on fixedSize and tinyHot side by side, with it 1.66x on fixedSize, and 1.12x under JMH (README).
     */
    private volatile boolean stop;

    /**
     * @param label      a scenario's name (vm, vmWrites, fixedSize, ..., larson, mid2t, ...)
     * @param parameters some of the scenario's JMH parameters (size, workset; alignment) as text; the others take
     *                   the default run's values
     */
    public ChunkRunner(String label, String allocator, Map<String, String> parameters) {
        this.scenario = named(label);
        this.state = newState(scenario);
        this.opsPerCall = opsPerCall(state, label);
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

    /** The scenario called {@code label}. */
    static Scenario named(String label) {
        for (Scenario scenario : Scenario.values()) {
            if (scenario.label().equals(label)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("no scenario called " + label);
    }

    /** What JMH divides a call's time by: the method's {@code @OperationsPerInvocation}, else 1. */
    private static int opsPerCall(Workset state, String label) {
        try {
            OperationsPerInvocation ops = state.getClass().getMethod(label).getAnnotation(OperationsPerInvocation.class);
            return ops == null ? 1 : ops.value();
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException(state.getClass().getName() + " has no method " + label, impossible);
        }
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
            case LARSON -> new LarsonScenario();
            case PRODUCER_CONSUMER -> new ProducerConsumerScenario();
            case MID_2T -> new MidTwoThreadsScenario();
            case GLIBC_THREAD_LIKE_2T -> new GlibcThreadLikeTwoThreadsScenario();
            case WEB_SERVER_MIX_2T -> new WebServerMixTwoThreadsScenario();
            case REALLOC_HEAVY_2T -> new ReallocHeavyTwoThreadsScenario();
            case ALIGNED_2T -> new AlignedTwoThreadsScenario();
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

    /** Ops per call of the benchmark method: 1 on one thread, more for the scenarios of several threads. */
    @Override
    public int getAsInt() {
        return opsPerCall;
    }

    /** Calls the benchmark method {@code ops} times; returns how many nanoseconds that took. */
    @Override
    public long applyAsLong(long ops) {
        long start = System.nanoTime();
        try {
            run(ops);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(scenario.label() + " was interrupted", interrupted);
        }
        return System.nanoTime() - start;
    }

    /**
     * One loop per scenario, each calling its benchmark method directly. Not a lambda bound at construction: that
     * measured 1.2-1.6x slower per op than this (tinyHot 20.7 against 13.0 ns), the call not inlined into the loop.
     */
    private void run(long ops) throws InterruptedException {
        switch (scenario) {
            case VM -> {
                VmScenario vm = (VmScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    vm.vm();
                }
            }
            case VM_WRITES -> {
                VmScenario vm = (VmScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    vm.vmWrites();
                }
            }
            case COLD_CHURN -> {
                ColdChurnScenario churn = (ColdChurnScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    churn.coldChurn();
                }
            }
            case FIXED_SIZE -> {
                FixedSizeScenario fixed = (FixedSizeScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    fixed.fixedSize();
                }
            }
            case RANDOM_MIXED -> {
                RandomMixedScenario mixed = (RandomMixedScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    mixed.randomMixed();
                }
            }
            case TINY_HOT -> {
                TinyHotScenario hot = (TinyHotScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    hot.tinyHot();
                }
            }
            case MID -> {
                MidScenario mid = (MidScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    mid.mid();
                }
            }
            case GLIBC_THREAD_LIKE -> {
                GlibcThreadLikeScenario like = (GlibcThreadLikeScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    like.glibcThreadLike();
                }
            }
            case WEB_SERVER_MIX -> {
                WebServerMixScenario web = (WebServerMixScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    web.webServerMix();
                }
            }
            case REALLOC_HEAVY -> {
                ReallocHeavyScenario realloc = (ReallocHeavyScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    realloc.reallocHeavy();
                }
            }
            case ALIGNED -> {
                AlignedScenario aligned = (AlignedScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    aligned.aligned();
                }
            }
            case LARSON -> {
                LarsonScenario larson = (LarsonScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    larson.larson();
                }
            }
            case PRODUCER_CONSUMER -> {
                ProducerConsumerScenario pc = (ProducerConsumerScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    pc.producerConsumer();
                }
            }
            case MID_2T -> {
                MidTwoThreadsScenario mid = (MidTwoThreadsScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    mid.mid2t();
                }
            }
            case GLIBC_THREAD_LIKE_2T -> {
                GlibcThreadLikeTwoThreadsScenario like = (GlibcThreadLikeTwoThreadsScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    like.glibcThreadLike2t();
                }
            }
            case WEB_SERVER_MIX_2T -> {
                WebServerMixTwoThreadsScenario web = (WebServerMixTwoThreadsScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    web.webServerMix2t();
                }
            }
            case REALLOC_HEAVY_2T -> {
                ReallocHeavyTwoThreadsScenario realloc = (ReallocHeavyTwoThreadsScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    realloc.reallocHeavy2t();
                }
            }
            case ALIGNED_2T -> {
                AlignedTwoThreadsScenario aligned = (AlignedTwoThreadsScenario) state;
                for (long i = 0; i < ops && !stop; i++) {
                    aligned.aligned2t();
                }
            }
        }
    }

    /** Frees every live block and closes the allocator, checking what the scenario checks at the end of a trial. */
    @Override
    public void close() {
        state.close();
    }
}
