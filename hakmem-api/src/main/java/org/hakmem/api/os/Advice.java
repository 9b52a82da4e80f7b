package org.hakmem.api.os;

/** The madvise advice hakmem uses, by intent; the OS layer maps each to its platform's constant. */
public enum Advice {
    /** Pages may be reclaimed lazily; their contents become undefined (Linux MADV_FREE). */
    FREE,
    /** Pages are dropped at once and read back as zero (MADV_DONTNEED). */
    DONTNEED,
    /** Back the range with transparent huge pages where possible (MADV_HUGEPAGE). */
    HUGEPAGE
}
