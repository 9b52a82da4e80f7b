/**
 * Mid pool: blocks from above the tiny range to 1 MiB in 41 classes, carved from spans of 64 KiB pages in 2 MiB
 * segments shared by all threads. Each thread allocates and frees through its own cache without a lock; caches trade
 * blocks with a per-class central list in batches.
 */
module org.hakmem.box.midpool {
    requires org.hakmem.api;

    provides org.hakmem.api.spi.MidPoolProvider with org.hakmem.box.midpool.MidPagesProvider;
}
