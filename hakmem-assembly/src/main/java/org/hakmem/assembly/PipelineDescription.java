package org.hakmem.assembly;

import java.util.Map;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.Setting;

/** Formats what {@code hakmem describe} prints. Reads the pipeline; changes nothing. */
final class PipelineDescription {

    private PipelineDescription() {
    }

    static String of(Pipeline pipeline) {
        StringBuilder out = new StringBuilder();
        Configuration config = pipeline.configuration();
        out.append("hakmem pipeline, mode ").append(Sources.name(config.mode())).append('\n');
        out.append(String.format("  %-14s %-10s %-32s %s%n", "slot", "provider", "from", "what it does"));
        for (Pipeline.Installed box : pipeline.installed()) {
            out.append(String.format("  %-14s %-10s %-32s %s%n", box.slot().id(), box.provider().name(),
                    ProviderCatalog.origin(box.provider()), box.provider().description()));
        }
        boolean largeMmap = config.flag(CoreSettings.LARGE_MMAP);
        boolean bigCache = config.flag(CoreSettings.BIGCACHE);
        out.append("routing\n");
        if (config.flag(CoreSettings.TINY_USE_SUPERSLAB)) {
            StringBuilder fronts = new StringBuilder();
            if (config.flag(CoreSettings.TINY_ULTRA_HOT)) {
                fronts.append("ultrahot (C2/C3) -> ");
            }
            if (config.flag(CoreSettings.TINY_HEAP_V2)) {
                fronts.append("heapv2 (C0-C3) -> ");
            }
            out.append("  0 B .. 1016 B       ").append(fronts).append("tinypool: thread-local free lists, then"
                    + " per-thread slabs of SuperSlab classes C0-C7; remote frees\n");
        }
        long smallEnd = Pipeline.LARGE_THRESHOLD;
        if (pipeline.midMax() > 0) {
            out.append(String.format("  %-19s %s%n", "up to " + size(pipeline.midMax()), "midpool: per-thread caches"
                    + " over per-class central lists of spans in 2 MiB segments; also aligned requests (32 B to"
                    + " 4 KiB alignment) up to 32 KiB"));
            smallEnd = Math.max(smallEnd, pipeline.midMax());
        }
        if (pipeline.midMax() < Pipeline.LARGE_THRESHOLD) {
            out.append("  up to 32 KiB        libc malloc behind a validated 16-byte header\n");
        }
        out.append(String.format("  %-19s %s%n", "above " + size(smallEnd), largeMmap
                ? "own mapping (mmap), released through Batch" : "libc malloc (HAKMEM_LARGE_MMAP=0)"));
        if (largeMmap) {
            out.append("  1 MiB and more      ").append(bigCache ? "BigCache first, then mmap; freed into BigCache"
                    : "mmap; BigCache off").append('\n');
        }
        out.append("  free                FrontGate (SuperSlab region, then tag; else registry, then header);"
                + " foreign addresses to ExternalGuard\n");
        if (config.mode() == Mode.LEARNING || config.mode() == Mode.RESEARCH) {
            out.append("note: ELO strategy learning is not built yet; this mode runs on its preset switches alone\n");
        }
        out.append("configuration\n");
        for (Map.Entry<Setting, Sources.Value> entry : config.entries().entrySet()) {
            out.append(String.format("  %-34s %-12s %s%n", entry.getKey().key(), entry.getValue().value(),
                    entry.getValue().source()));
        }
        return out.toString();
    }

    /** 1 MiB, 256 KiB or 1000 B. */
    private static String size(long bytes) {
        if (bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }
}
