/**
 * TinyUltraHot: the L0 magazine of the two hottest tiny classes, C2 and C3 (16- and 32-byte requests), 4 slots
 * each, the whole state of a thread's magazine in one 64-byte native cache line.
 */
module org.hakmem.box.ultrahot {
    requires org.hakmem.api;

    provides org.hakmem.api.spi.UltraHotProvider with org.hakmem.box.ultrahot.UltraHotProvider;
}
