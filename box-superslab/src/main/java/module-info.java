/**
 * SuperSlab: tiny blocks (up to 1 KiB) carved from 2 MiB SuperSlabs shared by all threads. Each thread allocates
 * from slabs it owns without a lock; frees from other threads land on a lock-free remote list the owner collects.
 */
module org.hakmem.box.superslab {
    requires org.hakmem.api;

    provides org.hakmem.api.spi.TinyPoolProvider with org.hakmem.box.superslab.SuperSlabProvider;
}
