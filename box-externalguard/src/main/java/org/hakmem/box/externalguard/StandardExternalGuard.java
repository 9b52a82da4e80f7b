package org.hakmem.box.externalguard;

import java.util.concurrent.atomic.LongAdder;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.InvalidAddressException.Reason;
import org.hakmem.api.os.NativeMemory;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.BlockHeader;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.ExternalGuard;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.TinyHeader;

/**
 * Owns the answer to "what is this address, if not a live hakmem block?": a block freed already, a pointer into a
 * live block, or something foreign. Reads only hakmem's own registry (and, if asked, mincore); never the address.
 * A pointer into a hakmem block is never delegated to libc, whatever the policy: that would corrupt libc's heap.
 * Delegation trusts what it cannot check: an address that libc did not return (and that is no hakmem block this
 * guard can recognise) makes libc abort the process, as it would in C.
 */
final class StandardExternalGuard implements ExternalGuard {

    private static final System.Logger LOG = System.getLogger("org.hakmem.box.externalguard");
    /** libc malloc returns 16-byte aligned blocks on every 64-bit platform hakmem runs on. */
    private static final long LIBC_ALIGNMENT_MASK = 15;

    private final BlockTable blocks;
    private final RegionTable regions;
    private final OsLayer os;
    private final boolean delegate;
    private final boolean mincore;
    private final boolean log;
    private final boolean stats;
    private final LongAdder calls;
    private final LongAdder rejected;
    private final LongAdder delegated;

    StandardExternalGuard(BoxContext context) {
        this.blocks = context.blocks();
        this.regions = context.regions();
        this.os = context.os();
        this.delegate = StandardExternalGuardProvider.DELEGATE.equals(
                context.config().choice(StandardExternalGuardProvider.POLICY));
        this.mincore = context.config().flag(StandardExternalGuardProvider.MINCORE);
        this.log = context.config().flag(StandardExternalGuardProvider.LOG);
        this.stats = context.config().flag(StandardExternalGuardProvider.STATS);
        this.calls = context.counters().counter("calls");
        this.rejected = context.counters().counter("rejected");
        this.delegated = context.counters().counter("delegated");
    }

    @Override
    public void free(long address) {
        count(calls);
        InvalidAddressException ours = ownBlockProblem(address, "free");
        if (ours != null) {
            throw reject(ours);
        }
        if (!delegate) {
            throw reject(foreign(address, "free", Reason.FOREIGN, "it is not an address this allocator returned;"
                    + " set HAKMEM_EXTERNAL_GUARD_POLICY=delegate to hand blocks from libc malloc to libc free"));
        }
        if ((address & LIBC_ALIGNMENT_MASK) != 0) {
            throw reject(foreign(address, "free", Reason.NOT_ALLOCATED,
                    "it is not 16-byte aligned, so libc malloc did not return it either; not delegated"));
        }
        if (mincore && !os.isMapped(address, 1)) {
            throw reject(foreign(address, "free", Reason.NOT_ALLOCATED, "no memory is mapped there; not delegated"));
        }
        if (carriesHakmemHeader(address)) {
            throw reject(foreign(address, "free", Reason.FOREIGN, "it is a block of another hakmem allocator (its"
                    + " header says so); free it there; not delegated"));
        }
        if (log) {
            LOG.log(System.Logger.Level.WARNING, "delegating free(0x{0}) to libc", Long.toHexString(address));
        }
        count(delegated);
        os.free(address);
    }

    @Override
    public InvalidAddressException refuse(long address, String operation) {
        count(calls);
        InvalidAddressException ours = ownBlockProblem(address, operation);
        return reject(ours != null ? ours : foreign(address, operation, Reason.NOT_ALLOCATED,
                "it is not an address this allocator returned"));
    }

    /**
     * Whether the 16 bytes before {@code address} hold a hakmem header: the commonest wrong delegation, a block of
     * another hakmem instance, which libc free would abort on. Reads them only after mincore says they are mapped,
     * a system call that only delegations pay.
     */
    private boolean carriesHakmemHeader(long address) {
        long header = address - BlockHeader.SIZE;
        if (!os.isMapped(header, BlockHeader.SIZE)) {
            return false;
        }
        return (int) NativeMemory.getLong(header) == BlockHeader.MAGIC
                || NativeMemory.getLong(address - TinyHeader.SIZE) >>> 32 == BlockHeader.MAGIC;
    }

    /** A double free or an interior pointer of a hakmem block, or null if the address has nothing to do with hakmem. */
    private InvalidAddressException ownBlockProblem(long address, String operation) {
        if (blocks.wasFreed(address)) {
            return new InvalidAddressException(address, Reason.DOUBLE_FREE, prefix(operation, address)
                    + "double free: hakmem already freed the block at this address");
        }
        if (regions.wasRetired(address)) {
            return new InvalidAddressException(address, Reason.DOUBLE_FREE, prefix(operation, address)
                    + "the address lies in a SuperSlab hakmem has already given back: a double free or a stale pointer");
        }
        BlockTable.Block block = blocks.containing(address);
        if (block != null) {
            return new InvalidAddressException(address, Reason.INTERIOR_POINTER, prefix(operation, address)
                    + "interior pointer: it lies " + (address - block.address()) + " bytes from the start of the"
                    + " live block 0x" + Long.toHexString(block.address()) + " (" + block.size() + " bytes);"
                    + " pass the block's start address");
        }
        return null;
    }

    private InvalidAddressException foreign(long address, String operation, Reason reason, String why) {
        String mapped = mincore ? (os.isMapped(address, 1) ? " (mapped memory)" : " (unmapped memory)") : "";
        return new InvalidAddressException(address, reason, prefix(operation, address) + why + mapped
                + "; nothing was read or freed");
    }

    private InvalidAddressException reject(InvalidAddressException e) {
        count(rejected);
        if (log) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        }
        return e;
    }

    private void count(LongAdder counter) {
        if (stats) {
            counter.increment();
        }
    }

    private static String prefix(String operation, long address) {
        return operation + "(0x" + Long.toHexString(address) + "): ";
    }
}
