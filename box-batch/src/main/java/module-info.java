/**
 * Batch: the only Box that may munmap. Every mapping hakmem stops using ends here.
 *
 * <p>"BigCache retains for warm reuse; on cold eviction, hand off to Batch; only Batch may munmap."
 * Small mappings (under {@code HAKMEM_BATCH_MIN_SIZE}) are unmapped at once. Larger ones are gathered; a flush
 * coalesces adjacent ranges, applies MADV_FREE (MADV_DONTNEED where the kernel refuses it) and unmaps the runs
 * the previous flush advised, which have stayed cold for a whole flush period.
 *
 * <p>It is the one module that reads {@code org.hakmem.api.os.unmap}: the API exports munmap to this module alone,
 * so no other Box can even compile a call to it. It exports nothing and depends on no other Box.
 */
module org.hakmem.box.batch {
    requires org.hakmem.api;

    provides org.hakmem.api.spi.BatchProvider with org.hakmem.box.batch.MadviseBatchProvider;
}
