/**
 * hakmem's contract with its users and with its Boxes.
 *
 * <ul>
 *   <li>{@code org.hakmem.api}: what a program calls ({@link org.hakmem.api.Allocator}).</li>
 *   <li>{@code org.hakmem.api.spi}: the slots a Box fills, found through {@link java.util.ServiceLoader}.</li>
 *   <li>{@code org.hakmem.api.os}: the FFM downcalls every Box may make (mmap, madvise, mincore, ...).</li>
 *   <li>{@code org.hakmem.api.os.unmap}: munmap, which only Batch may call.</li>
 * </ul>
 *
 * This module depends on no Box and not on the assembly.
 */
module org.hakmem.api {
    exports org.hakmem.api;
    exports org.hakmem.api.spi;
    exports org.hakmem.api.os;
    // "Only Batch may munmap": the downcall lives in a package that no other module can even compile against.
    exports org.hakmem.api.os.unmap to org.hakmem.box.batch;
}
