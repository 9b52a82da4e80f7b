package org.hakmem.api.spi;

import java.util.List;

/**
 * A Box: one implementation of one slot, found by {@link java.util.ServiceLoader} through its slot's provider type
 * (for example {@link BigCacheProvider}). A deployment picks a provider by {@link #name()} with
 * {@code HAKMEM_BOX_<SLOT>=<name>}, so a jar the project has never seen can fill a slot.
 *
 * @param <B> what the Box hands the pipeline
 */
public interface BoxProvider<B> {

    /** The name users write in configuration, unique within the slot. */
    String name();

    /** The slot this provider fills. */
    Slot slot();

    /** One line for {@code hakmem describe}. */
    String description();

    /** The switches this Box reads; the assembly resolves and validates them before {@link #create}. */
    default List<Setting> settings() {
        return List.of();
    }

    /** Builds the Box for one allocator. */
    B create(BoxContext context);
}
