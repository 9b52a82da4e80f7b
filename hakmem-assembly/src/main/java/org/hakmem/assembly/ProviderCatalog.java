package org.hakmem.assembly;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.hakmem.api.spi.BoxProvider;
import org.hakmem.api.spi.Slot;

/**
 * Every Box provider visible on the module path and the class path, per slot. The only place in hakmem that uses
 * {@link ServiceLoader}; it picks nothing, the configuration does.
 */
final class ProviderCatalog {

    private final Map<Slot, List<BoxProvider<?>>> bySlot = new EnumMap<>(Slot.class);

    private ProviderCatalog() {
    }

    static ProviderCatalog discover() {
        ProviderCatalog catalog = new ProviderCatalog();
        for (Slot slot : Slot.values()) {
            List<BoxProvider<?>> providers = new ArrayList<>();
            for (BoxProvider<?> provider : ServiceLoader.load(slot.providerType())) {
                if (provider.slot() != slot) {
                    throw new IllegalStateException(provider.getClass().getName() + " is registered as a "
                            + slot.providerType().getSimpleName() + " but says it fills slot " + provider.slot());
                }
                for (BoxProvider<?> other : providers) {
                    if (other.name().equals(provider.name())) {
                        throw new IllegalStateException("two " + slot.id() + " providers are called \"" + provider.name()
                                + "\": " + origin(other) + " and " + origin(provider));
                    }
                }
                providers.add(provider);
            }
            catalog.bySlot.put(slot, List.copyOf(providers));
        }
        return catalog;
    }

    List<BoxProvider<?>> providers(Slot slot) {
        return bySlot.get(slot);
    }

    List<String> names(Slot slot) {
        return bySlot.get(slot).stream().map(BoxProvider::name).toList();
    }

    BoxProvider<?> named(Slot slot, String name) {
        for (BoxProvider<?> provider : bySlot.get(slot)) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        throw new IllegalStateException("no " + slot.id() + " provider called " + name);
    }

    /** Where a provider was loaded from: its module, or its jar on the class path. */
    static String origin(BoxProvider<?> provider) {
        Module module = provider.getClass().getModule();
        if (module.isNamed()) {
            return "module " + module.getName();
        }
        CodeSource code = provider.getClass().getProtectionDomain().getCodeSource();
        return "class path " + (code == null ? provider.getClass().getName() : code.getLocation().getPath());
    }
}
