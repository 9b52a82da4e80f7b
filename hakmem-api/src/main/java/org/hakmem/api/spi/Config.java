package org.hakmem.api.spi;

import org.hakmem.api.Mode;

/** Read-only, already validated configuration. Asking for a {@link Setting} nobody declared is a programming error. */
public interface Config {

    Mode mode();

    /** A {@link Setting.Type#FLAG} setting. */
    boolean flag(Setting setting);

    /** A {@link Setting.Type#SIZE} or {@link Setting.Type#NUMBER} setting. */
    long number(Setting setting);

    /** A {@link Setting.Type#CHOICE} setting, as one of its declared choices. */
    String choice(Setting setting);
}
