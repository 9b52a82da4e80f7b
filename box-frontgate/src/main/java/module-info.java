/**
 * FrontGate V2: classifies every address handed back to hakmem. It reads a header only after the block registry
 * vouches for the address, so no address a user passes is ever dereferenced blindly.
 */
module org.hakmem.box.frontgate {
    requires org.hakmem.api;

    provides org.hakmem.api.spi.FrontGateProvider with org.hakmem.box.frontgate.FrontGateV2Provider;
}
