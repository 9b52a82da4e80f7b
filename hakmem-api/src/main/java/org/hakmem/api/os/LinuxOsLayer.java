package org.hakmem.api.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.hakmem.api.NativeOutOfMemoryError;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The Linux downcalls, with Linux's constants by name. Owns the method handles and the call counters;
 * never interprets an address beyond handing it to the kernel or libc.
 */
final class LinuxOsLayer implements OsLayer, OsStats {

    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int MAP_PRIVATE = 0x02;
    static final int MAP_ANONYMOUS = 0x20;
    static final long MAP_FAILED = -1L;
    static final int MADV_DONTNEED = 4;
    static final int MADV_FREE = 8;
    static final int MADV_HUGEPAGE = 14;
    static final int RUSAGE_SELF = 0;
    static final int SC_PAGESIZE = 30;
    static final int ENOMEM = 12;
    /** struct rusage: ru_utime and ru_stime (16 bytes each), then 14 longs starting with ru_maxrss (in KiB). */
    static final long RUSAGE_SIZE = 144;
    static final long RU_MAXRSS_OFFSET = 32;
    static final long RU_MINFLT_OFFSET = 64;
    static final long RU_MAJFLT_OFFSET = 72;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle MADVISE = downcall("madvise",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MINCORE = downcall("mincore",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS));
    private static final MethodHandle GETRUSAGE = downcall("getrusage",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SYSCONF = downcall("sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
    // malloc, calloc and free are short and never touch the Java heap: critical downcalls skip the thread-state dance.
    private static final MethodHandle MALLOC = downcall("malloc",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), Linker.Option.critical(false));
    private static final MethodHandle CALLOC = downcall("calloc",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.critical(false));
    private static final MethodHandle FREE = downcall("free",
            FunctionDescriptor.ofVoid(JAVA_LONG), Linker.Option.critical(false));

    private static final long PAGE_SIZE = sysconf(SC_PAGESIZE);
    private static final Path THP_ENABLED = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    private static final Path THP_SIZE = Path.of("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size");
    private static final long THP_PAGE_SIZE = readThpSize();

    private final LongAdder mmapCalls = new LongAdder();
    private final LongAdder bytesMappedTotal = new LongAdder();
    private final LongAdder madviseCalls = new LongAdder();
    private final LongAdder mincoreCalls = new LongAdder();

    static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    private static long sysconf(int name) {
        try {
            return (long) SYSCONF.invokeExact(name);
        } catch (Throwable t) {
            throw new IllegalStateException("sysconf(" + name + ") failed", t);
        }
    }

    @Override
    public long pageSize() {
        return PAGE_SIZE;
    }

    @Override
    public long transparentHugePageSize() {
        return THP_PAGE_SIZE;
    }

    /** "[never]" in the enabled file, or no such files, means madvise cannot obtain huge pages. */
    private static long readThpSize() {
        try {
            if (Files.readString(THP_ENABLED).contains("[never]")) {
                return 0;
            }
            return Long.parseLong(Files.readString(THP_SIZE).trim());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public long mmap(long length) {
        mmapCalls.increment();
        long address;
        int errno;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            address = (long) MMAP.invokeExact(state, 0L, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
            errno = (int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("mmap downcall failed", t);
        }
        if (address == MAP_FAILED) {
            throw new NativeOutOfMemoryError("mmap of " + length + " bytes failed: "
                    + (errno == ENOMEM ? "ENOMEM, the OS has no memory or address space for it" : "errno " + errno));
        }
        bytesMappedTotal.add(length);
        return address;
    }

    @Override
    public boolean madvise(long address, long length, Advice advice) {
        madviseCalls.increment();
        int code = switch (advice) {
            case FREE -> MADV_FREE;
            case DONTNEED -> MADV_DONTNEED;
            case HUGEPAGE -> MADV_HUGEPAGE;
        };
        try {
            return (int) MADVISE.invokeExact(address, length, code) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("madvise downcall failed", t);
        }
    }

    @Override
    public boolean isMapped(long address, long length) {
        mincoreCalls.increment();
        long first = address & -PAGE_SIZE;
        long pages = (address + length - first + PAGE_SIZE - 1) / PAGE_SIZE;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment residency = arena.allocate(JAVA_BYTE, pages);
            // mincore fails with ENOMEM exactly when part of the range is not mapped.
            return (int) MINCORE.invokeExact(first, pages * PAGE_SIZE, residency) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("mincore downcall failed", t);
        }
    }

    @Override
    public Rusage rusage() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment usage = arena.allocate(RUSAGE_SIZE, 8);
            if ((int) GETRUSAGE.invokeExact(RUSAGE_SELF, usage) != 0) {
                throw new IllegalStateException("getrusage(RUSAGE_SELF) failed");
            }
            return new Rusage(usage.get(JAVA_LONG, RU_MINFLT_OFFSET), usage.get(JAVA_LONG, RU_MAJFLT_OFFSET),
                    usage.get(JAVA_LONG, RU_MAXRSS_OFFSET) * 1024);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getrusage downcall failed", t);
        }
    }

    @Override
    public long rssBytes() {
        try {
            // /proc/self/statm: size resident shared text lib data dt, in pages.
            String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public long malloc(long size) {
        try {
            return (long) MALLOC.invokeExact(size);
        } catch (Throwable t) {
            throw new IllegalStateException("malloc downcall failed", t);
        }
    }

    @Override
    public long calloc(long count, long size) {
        try {
            return (long) CALLOC.invokeExact(count, size);
        } catch (Throwable t) {
            throw new IllegalStateException("calloc downcall failed", t);
        }
    }

    @Override
    public void free(long address) {
        try {
            FREE.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("free downcall failed", t);
        }
    }

    @Override
    public OsStats stats() {
        return this;
    }

    @Override
    public long mmapCalls() {
        return mmapCalls.sum();
    }

    @Override
    public long bytesMappedTotal() {
        return bytesMappedTotal.sum();
    }

    @Override
    public long madviseCalls() {
        return madviseCalls.sum();
    }

    @Override
    public long mincoreCalls() {
        return mincoreCalls.sum();
    }
}
