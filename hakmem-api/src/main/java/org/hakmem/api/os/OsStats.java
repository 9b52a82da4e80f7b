package org.hakmem.api.os;

/** Read-only view of the calls one {@link OsLayer} instance has made. munmap is counted by its only caller, Batch. */
public interface OsStats {

    long mmapCalls();

    /** Bytes mapped by mmap over the instance's life (never decreases). */
    long bytesMappedTotal();

    long madviseCalls();

    long mincoreCalls();
}
