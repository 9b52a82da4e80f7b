/**
 * ExternalGuard: what happens to an address hakmem did not hand out. It either refuses it with a precise reason or,
 * when configured to, gives it to libc free. It never dereferences the address.
 */
module org.hakmem.box.externalguard {
    requires org.hakmem.api;

    provides org.hakmem.api.spi.ExternalGuardProvider with org.hakmem.box.externalguard.StandardExternalGuardProvider;
}
