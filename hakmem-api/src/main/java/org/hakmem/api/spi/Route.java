package org.hakmem.api.spi;

/** FrontGate's verdict on an address. */
public enum Route {
    /** A block from libc malloc behind a validated hakmem header (the MINIMAL path). */
    MALLOC,
    /** A block in its own mapping (large sizes). */
    MAPPED,
    /** Not a live hakmem block: ExternalGuard decides. */
    EXTERNAL
}
