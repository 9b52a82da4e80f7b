/**
 * The assembly: reads the configuration, finds a provider for every slot through {@link java.util.ServiceLoader}
 * and wires them into one {@link org.hakmem.api.Allocator}. It knows the Boxes only by their slots: any jar that
 * provides a slot's service type can fill it, chosen by name with {@code HAKMEM_BOX_<SLOT>}.
 */
module org.hakmem.assembly {
    requires transitive org.hakmem.api;

    exports org.hakmem.assembly;

    uses org.hakmem.api.spi.BatchProvider;
    uses org.hakmem.api.spi.BigCacheProvider;
    uses org.hakmem.api.spi.ExternalGuardProvider;
    uses org.hakmem.api.spi.FrontGateProvider;
    uses org.hakmem.api.spi.UltraHotProvider;
    uses org.hakmem.api.spi.HeapV2Provider;
    uses org.hakmem.api.spi.TinyPoolProvider;
    uses org.hakmem.api.spi.MidPoolProvider;
}
