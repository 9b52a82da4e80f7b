package org.hakmem.api.os;

/**
 * The parts of getrusage(2) hakmem reports.
 *
 * @param minorFaults page faults served without I/O
 * @param majorFaults page faults that needed I/O
 * @param maxRssBytes peak resident set size
 */
public record Rusage(long minorFaults, long majorFaults, long maxRssBytes) {
}
