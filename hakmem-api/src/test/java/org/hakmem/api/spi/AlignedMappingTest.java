package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.hakmem.api.os.OsLayer;
import org.hakmem.api.os.unmap.Munmap;
import org.junit.jupiter.api.Test;

/** The mapping of pool regions; that the kernel marks them for huge pages is checked end to end by HugePagesTest. */
class AlignedMappingTest {

    private final OsLayer os = OsLayer.create();

    @Test
    void aRegionIsAlignedToItsSizeAndAdvisedForHugePagesWhenTheKernelOffersThem() {
        long hugePage = os.transparentHugePageSize();
        assumeTrue(hugePage > 0, "this kernel has transparent huge pages switched off");
        long madvised = os.stats().madviseCalls();
        long base = AlignedMapping.mapRegion(os, new UnmappingBatch(), hugePage);
        try {
            assertEquals(0, base & (RegionTable.REGION_SIZE - 1));
            assertEquals(madvised + 1, os.stats().madviseCalls());
        } finally {
            Munmap.unmap(base, RegionTable.REGION_SIZE);
        }
    }

    @Test
    void withoutAHugePageSizeARegionIsLeftToTheKernelsDefault() {
        long madvised = os.stats().madviseCalls();
        long base = AlignedMapping.mapRegion(os, new UnmappingBatch(), 0);
        try {
            assertEquals(0, base & (RegionTable.REGION_SIZE - 1));
            assertEquals(madvised, os.stats().madviseCalls());
        } finally {
            Munmap.unmap(base, RegionTable.REGION_SIZE);
        }
    }

    /** Unmaps the unaligned ends at once, as Batch would. */
    private static final class UnmappingBatch implements Batch {
        @Override
        public void release(long base, long length) {
            Munmap.unmap(base, length);
        }

        @Override
        public void releaseUnused(long base, long length) {
            Munmap.unmap(base, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
