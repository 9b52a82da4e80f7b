package org.hakmem.bench.allocators;

import org.hakmem.api.os.OsLayer;

/**
 * The process's minor page faults, read the same way (getrusage through hakmem's OS layer) for every allocator,
 * so peers and hakmem are measured by one ruler. Owns that one reading; never allocates through the OS layer.
 */
final class ProcessFaults {

    private static final OsLayer OS = OsLayer.create();

    private ProcessFaults() {
    }

    static long minor() {
        return OS.rusage().minorFaults();
    }

    /** A snapshot for an allocator that only knows the process's faults. */
    static CounterSnapshot snapshot() {
        return CounterSnapshot.faultsOnly(minor());
    }
}
