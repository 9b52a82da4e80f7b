package org.hakmem.api.os;

/**
 * The OS calls every Box may make. One instance per allocator, so its counters describe that allocator alone.
 * munmap is deliberately absent: it lives in {@code org.hakmem.api.os.unmap}, which only Batch can see.
 */
public interface OsLayer {

    /** The OS layer of the running platform; fails with a clear message where there is none or native access is off. */
    static OsLayer create() {
        NativeAccess.require();
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new IllegalStateException("hakmem's OS layer supports Linux only; this JVM runs on " + os);
        }
        return new LinuxOsLayer();
    }

    /** sysconf(_SC_PAGESIZE). */
    long pageSize();

    /**
     * The size of a transparent huge page that madvise(MADV_HUGEPAGE) can obtain, or 0 when the kernel has THP
     * switched off ("never") or has none.
     */
    long transparentHugePageSize();

    /**
     * Maps {@code length} bytes of private, anonymous, readable and writable memory (zeroed by the OS).
     *
     * @throws org.hakmem.api.NativeOutOfMemoryError when the OS refuses, with errno in the message
     */
    long mmap(long length);

    /** Applies {@code advice} to a mapped range; false if the OS refused (the caller picks a fallback). */
    boolean madvise(long address, long length, Advice advice);

    /** Whether every page of the range is mapped in this process (mincore(2); about a microsecond). */
    boolean isMapped(long address, long length);

    /** getrusage(RUSAGE_SELF). */
    Rusage rusage();

    /** The process's resident set size, in bytes. */
    long rssBytes();

    /** libc malloc; 0 when libc has no memory. */
    long malloc(long size);

    /** libc calloc; 0 when libc has no memory. */
    long calloc(long count, long size);

    /** libc free. */
    void free(long address);

    /** What this instance has done so far. */
    OsStats stats();
}
