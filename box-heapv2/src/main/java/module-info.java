/**
 * TinyHeapV2: the per-thread L1 magazine of tiny classes C0-C3, 16 slots each, supplied by frees first (Stealing)
 * or by what the slab owner leaves (Leftover).
 */
module org.hakmem.box.heapv2 {
    requires org.hakmem.api;

    provides org.hakmem.api.spi.HeapV2Provider with org.hakmem.box.heapv2.HeapV2Provider;
}
