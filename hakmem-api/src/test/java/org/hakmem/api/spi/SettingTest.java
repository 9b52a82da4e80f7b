package org.hakmem.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hakmem.api.Mode;
import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void sizesAcceptSuffixes() {
        Setting cap = Setting.size("HAKMEM_X_CAP", 0, 0, Long.MAX_VALUE, "x");
        assertEquals("65536", cap.canonical("64K"));
        assertEquals("268435456", cap.canonical("256m"));
        assertEquals("1073741824", cap.canonical("1GiB"));
        assertEquals("4096", cap.canonical(" 4096 "));
    }

    @Test
    void malformedValuesNameKeyValueAndChoices() {
        Setting cap = Setting.size("HAKMEM_X_CAP", 0, 0, 1 << 20, "x");
        var e = assertThrows(IllegalArgumentException.class, () -> cap.canonical("lots"));
        assertTrue(e.getMessage().contains("HAKMEM_X_CAP=lots"), e.getMessage());
        var tooBig = assertThrows(IllegalArgumentException.class, () -> cap.canonical("2M"));
        assertTrue(tooBig.getMessage().contains("from 0 to 1048576"), tooBig.getMessage());
        Setting policy = Setting.choice("HAKMEM_X_POLICY", "reject", List.of("reject", "delegate"), "x");
        var bad = assertThrows(IllegalArgumentException.class, () -> policy.canonical("ignore"));
        assertTrue(bad.getMessage().contains("one of reject, delegate"), bad.getMessage());
        assertEquals("delegate", policy.canonical("DELEGATE"));
        Setting flag = Setting.flag("HAKMEM_X", true, "x");
        assertEquals("0", flag.canonical("off"));
        assertThrows(IllegalArgumentException.class, () -> flag.canonical("maybe"));
    }

    @Test
    void presetsOverrideTheDefaultPerMode() {
        Setting flag = Setting.flag("HAKMEM_X", true, "x").preset("0", Mode.MINIMAL);
        assertEquals("0", flag.baseline(Mode.MINIMAL));
        assertEquals("1", flag.baseline(Mode.BALANCED));
        assertEquals("hakmem.x", flag.propertyName());
    }

    @Test
    void modesParseCaseInsensitivelyAndListChoices() {
        assertEquals(Mode.BALANCED, Mode.parse("HAKMEM_MODE", "balanced"));
        var e = assertThrows(IllegalArgumentException.class, () -> Mode.parse("HAKMEM_MODE", "turbo"));
        assertTrue(e.getMessage().contains("HAKMEM_MODE=turbo"), e.getMessage());
        assertTrue(e.getMessage().contains("minimal, fast, balanced, learning, research"), e.getMessage());
    }
}
