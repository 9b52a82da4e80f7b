package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hakmem.api.Mode;
import org.junit.jupiter.api.Test;

class StandaloneContextTest {

    private static final Setting SIZE = Setting.size("HAKMEM_T_SIZE", 4096, 0, 1 << 30, "t").preset("64", Mode.MINIMAL);
    private static final Setting OTHER = Setting.flag("HAKMEM_T_OTHER", true, "t");

    @Test
    void aSettingResolvesFromAnOverrideElseThePresetElseTheDefault() {
        assertEquals(4096, StandaloneContext.builder().build().config().number(SIZE));
        assertEquals(64, StandaloneContext.builder().mode(Mode.MINIMAL).build().config().number(SIZE));
        assertEquals(2 << 20, StandaloneContext.builder().mode(Mode.MINIMAL).set("HAKMEM_T_SIZE", "2M").build()
                .config().number(SIZE));
        var bad = assertThrows(IllegalArgumentException.class,
                () -> StandaloneContext.builder().set("HAKMEM_T_SIZE", "huge").build().config().number(SIZE));
        assertTrue(bad.getMessage().contains("HAKMEM_T_SIZE=huge"), bad.getMessage());
    }

    @Test
    void withDeclaredSettingsAnUndeclaredOneIsAProgrammingError() {
        Config config = StandaloneContext.builder().declared(List.of(SIZE)).build().config();
        assertEquals(4096, config.number(SIZE));
        var e = assertThrows(IllegalStateException.class, () -> config.flag(OTHER));
        assertTrue(e.getMessage().contains("HAKMEM_T_OTHER was not declared"), e.getMessage());
    }

    @Test
    void poolRegionsStayOnSmallPagesUnlessAHugePageSizeIsGiven() {
        assertEquals(0, StandaloneContext.builder().build().hugePageSize());
        assertEquals(2 << 20, StandaloneContext.builder().hugePageSize(2 << 20).build().hugePageSize());
        assertThrows(IllegalArgumentException.class, () -> StandaloneContext.builder().hugePageSize(-1));
    }

    @Test
    void aBatchMustBeGivenToBeAskedFor() {
        assertThrows(IllegalStateException.class, () -> StandaloneContext.builder().build().batch());
    }
}
