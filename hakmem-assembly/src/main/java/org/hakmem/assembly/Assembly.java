package org.hakmem.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hakmem.api.Mode;
import org.hakmem.api.os.OsLayer;
import org.hakmem.api.spi.Batch;
import org.hakmem.api.spi.BigCache;
import org.hakmem.api.spi.BlockTable;
import org.hakmem.api.spi.BoxProvider;
import org.hakmem.api.spi.Counters;
import org.hakmem.api.spi.ExternalGuard;
import org.hakmem.api.spi.FrontGate;
import org.hakmem.api.spi.MidPool;
import org.hakmem.api.spi.RegionTable;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;
import org.hakmem.api.spi.TinyFront;
import org.hakmem.api.spi.TinyPool;

/**
 * Turns configuration sources into a {@link Pipeline}: resolves the mode, picks a provider per slot, validates
 * every setting the chosen Boxes declare, then builds the Boxes in slot order. Fails before anything is mapped.
 */
final class Assembly {

    /** Pool regions an allocator can register: 16384 x 2 MiB = 32 GiB of tiny and mid blocks, in a 256 KiB table. */
    private static final int REGIONS = 1 << 14;

    private Assembly() {
    }

    static Pipeline assemble(Map<String, String> builder, Map<String, String> properties, Map<String, String> env) {
        Sources sources = new Sources(builder, properties, env);
        Mode mode = Mode.parse(CoreSettings.MODE.key(), sources.mode().value());
        ProviderCatalog catalog = ProviderCatalog.discover();

        List<Setting> slotSettings = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        CoreSettings.all().forEach(s -> known.add(s.key()));
        for (Slot slot : Slot.values()) {
            Setting choice = Setting.choice(slot.key(), slot.defaultProvider(), catalog.names(slot),
                    "provider of the " + slot.id() + " slot");
            slotSettings.add(choice);
            known.add(choice.key());
            catalog.providers(slot).forEach(p -> p.settings().forEach(s -> known.add(s.key())));
        }
        sources.rejectUnknown(known);

        // First the assembly's own switches, to learn which Boxes are wanted.
        List<Setting> declared = new ArrayList<>(CoreSettings.all());
        declared.addAll(slotSettings);
        Configuration core = new Configuration(mode, sources, List.of(CoreSettings.BIGCACHE,
                CoreSettings.TINY_USE_SUPERSLAB, CoreSettings.TINY_ULTRA_HOT, CoreSettings.TINY_HEAP_V2,
                CoreSettings.MID_POOL));
        boolean tinyOn = core.flag(CoreSettings.TINY_USE_SUPERSLAB);
        Map<Slot, Boolean> optional = Map.of(Slot.BIG_CACHE, core.flag(CoreSettings.BIGCACHE),
                Slot.TINY_POOL, tinyOn,
                Slot.MID_POOL, core.flag(CoreSettings.MID_POOL),
                // The fronts sit in front of the tiny pool: without it they have nothing to cache.
                Slot.ULTRA_HOT, tinyOn && core.flag(CoreSettings.TINY_ULTRA_HOT),
                Slot.HEAP_V2, tinyOn && core.flag(CoreSettings.TINY_HEAP_V2));
        List<BoxProvider<?>> chosen = new ArrayList<>();
        for (int i = 0; i < Slot.values().length; i++) {
            Slot slot = Slot.values()[i];
            boolean wanted = slot.required() || optional.getOrDefault(slot, false);
            if (!wanted) {
                continue;
            }
            if (catalog.providers(slot).isEmpty()) {
                throw new IllegalArgumentException("hakmem configuration: no " + slot.id() + " provider on the module"
                        + " path or class path" + (slot.required() ? "" : "; add one or switch the slot off"));
            }
            String name = new Configuration(mode, sources, List.of(slotSettings.get(i))).choice(slotSettings.get(i));
            BoxProvider<?> provider = catalog.named(slot, name);
            chosen.add(provider);
            declared.addAll(provider.settings());
        }
        Configuration configuration = new Configuration(mode, sources, declared);
        return build(configuration, chosen);
    }

    /** off: none; auto: what the kernel offers; on: 2 MiB even if the kernel may ignore the advice. */
    static long hugePageSize(String thp, long offered) {
        return switch (thp) {
            case CoreSettings.THP_OFF -> 0;
            case CoreSettings.THP_ON -> offered != 0 ? offered : 2 << 20;
            default -> offered;
        };
    }

    private static Pipeline build(Configuration configuration, List<BoxProvider<?>> chosen) {
        Pipeline.Parts parts = new Pipeline.Parts();
        parts.os = OsLayer.create();
        parts.blocks = new BlockTable();
        parts.regions = new RegionTable(REGIONS);
        parts.configuration = configuration;
        parts.largeMmap = configuration.flag(CoreSettings.LARGE_MMAP);
        parts.hugePageSize = hugePageSize(configuration.choice(CoreSettings.THP), parts.os.transparentHugePageSize());
        long poolHugePageSize = configuration.flag(CoreSettings.THP_POOLS) ? parts.hugePageSize : 0;
        for (BoxProvider<?> provider : chosen) {
            Counters counters = new Counters();
            SlotContext context = new SlotContext(configuration, parts.os, counters, parts.blocks, parts.regions,
                    parts.batch, List.copyOf(parts.tinyFronts), poolHugePageSize);
            Object box = provider.create(context);
            switch (provider.slot()) {
                case BATCH -> parts.batch = (Batch) box;
                case BIG_CACHE -> parts.bigCache = (BigCache) box;
                case ULTRA_HOT, HEAP_V2 -> parts.tinyFronts.add((TinyFront) box);
                case TINY_POOL -> parts.tinyPool = (TinyPool) box;
                case MID_POOL -> parts.midPool = (MidPool) box;
                case EXTERNAL_GUARD -> parts.externalGuard = (ExternalGuard) box;
                case FRONT_GATE -> parts.frontGate = (FrontGate) box;
            }
            parts.installed.add(new Pipeline.Installed(provider.slot(), provider, counters));
        }
        return new Pipeline(parts);
    }
}
