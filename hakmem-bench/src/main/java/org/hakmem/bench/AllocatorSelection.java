package org.hakmem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hakmem.bench.allocators.AllocatorCatalog;
import org.hakmem.bench.allocators.PeerUnavailableException;
import org.hakmem.bench.allocators.PipelineRecipe;

/**
 * Decides, before any fork starts, which allocators run: the ones asked for that pass their self-check in this JVM.
 * Not asking for any means every one but the yardsticks and the A/B recipes, and those recipes too when the A/B runs
 * are on ({@code --ab}, {@code --full}); a yardstick or an A/B recipe named in {@code --allocators} always runs. A peer that cannot run is skipped with a note. A hakmem pipeline that cannot even start is
 * a configuration error and stops the run, since every number after it would be meaningless.
 * Owns that decision; never measures.
 */
final class AllocatorSelection {

    private AllocatorSelection() {
    }

    /**
     * The names to try: {@code requested} if any, else every known one but the yardsticks, without the A/B recipes
     * unless {@code abRuns}. Checks nothing.
     */
    static List<String> wanted(List<String> requested, boolean abRuns) {
        if (!requested.isEmpty()) {
            return requested;
        }
        return AllocatorCatalog.names().stream()
                .filter(name -> !AllocatorCatalog.YARDSTICKS.contains(name))
                .filter(name -> abRuns || PipelineRecipe.named(name) == null || !PipelineRecipe.named(name).inAbRun())
                .toList();
    }

    /**
     * @param requested names asked for; empty for every known allocator (see {@link #wanted})
     * @param abRuns    whether the A/B recipes belong to "every known allocator"
     * @param note      receives one line per skipped peer
     * @return the names that may run, in catalog order
     * @throws IllegalArgumentException for a name nobody knows, or a hakmem pipeline that fails to start
     */
    static List<String> select(List<String> requested, boolean abRuns, Consumer<String> note) {
        List<String> known = AllocatorCatalog.names();
        List<String> wanted = wanted(requested, abRuns);
        List<String> runnable = new ArrayList<>();
        for (String name : known) {
            if (!wanted.contains(name)) {
                continue;
            }
            try {
                AllocatorCatalog.selfCheck(name);
                runnable.add(name);
            } catch (PeerUnavailableException unavailable) {
                note.accept("peer " + name + " skipped: " + unavailable.getMessage());
            } catch (RuntimeException | LinkageError broken) {
                if (AllocatorCatalog.isHakmem(name)) {
                    throw new IllegalArgumentException("hakmem pipeline " + name + " cannot start: " + broken.getMessage(), broken);
                }
                note.accept("peer " + name + " skipped: its self-check failed: " + broken);
            }
        }
        for (String name : wanted) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown allocator " + name + "; valid choices: "
                        + String.join(", ", known));
            }
        }
        return runnable;
    }
}
